// A strict parser of the Prometheus text exposition format (version 0.0.4), enough to prove what
// /metrics serves is well formed: HELP and TYPE lines, samples with escaped label values, one
// family per name, samples only under a declared family, values that are numbers.
// https://prometheus.io/docs/instrumenting/exposition_formats/#text-based-format

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Family {
  name: string;
  help?: string;
  type?: string;
  samples: Sample[];
}

const NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*';
const SAMPLE = new RegExp(`^(${NAME})(?:\\{(.*)\\})?\\s+(\\S+)(?:\\s+(-?\\d+))?$`);
const LABEL = /\s*([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"\s*(,|$)/y;
const TYPES = ['counter', 'gauge', 'histogram', 'summary', 'untyped'];
const SUFFIXES = ['_bucket', '_sum', '_count', '_total', '_created'];

function parseValue(raw: string, line: number): number {
  if (raw === '+Inf') return Infinity;
  if (raw === '-Inf') return -Infinity;
  if (raw === 'NaN') return NaN;
  const value = Number(raw);
  if (Number.isNaN(value)) throw new Error(`line ${line}: "${raw}" is not a number`);
  return value;
}

function parseLabels(raw: string, line: number): Record<string, string> {
  const labels: Record<string, string> = {};
  LABEL.lastIndex = 0;
  while (LABEL.lastIndex < raw.length) {
    const match = LABEL.exec(raw);
    if (!match) throw new Error(`line ${line}: bad labels {${raw}}`);
    if (match[1]! in labels) throw new Error(`line ${line}: label ${match[1]} twice`);
    labels[match[1]!] = match[2]!.replace(/\\n/g, '\n').replace(/\\"/g, '"').replace(/\\\\/g, '\\');
    if (match[3] === '') break;
  }
  return labels;
}

export function parsePrometheusText(text: string): Map<string, Family> {
  if (!text.endsWith('\n')) throw new Error('the exposition must end with a line feed');
  const families = new Map<string, Family>();
  const family = (name: string) => {
    let f = families.get(name);
    if (!f) {
      f = { name, samples: [] };
      families.set(name, f);
    }
    return f;
  };
  text.split('\n').forEach((line, index) => {
    const n = index + 1;
    if (line.trim() === '') return;
    const meta = new RegExp(`^# (HELP|TYPE) (${NAME})(?: (.*))?$`).exec(line);
    if (meta) {
      const f = family(meta[2]!);
      if (meta[1] === 'TYPE') {
        if (f.type) throw new Error(`line ${n}: second TYPE for ${f.name}`);
        if (!TYPES.includes(meta[3] ?? '')) throw new Error(`line ${n}: unknown type ${meta[3]}`);
        if (f.samples.length > 0) throw new Error(`line ${n}: TYPE after samples of ${f.name}`);
        f.type = meta[3]!;
      } else f.help = meta[3] ?? '';
      return;
    }
    if (line.startsWith('#')) return;
    const sample = SAMPLE.exec(line);
    if (!sample) throw new Error(`line ${n}: not a sample: ${line}`);
    const name = sample[1]!;
    const owner = families.get(name) ?? [...families.values()].find((f) => SUFFIXES.some((s) => name === f.name + s));
    if (!owner?.type) throw new Error(`line ${n}: sample ${name} has no declared family`);
    owner.samples.push({ name, labels: sample[2] ? parseLabels(sample[2], n) : {}, value: parseValue(sample[3]!, n) });
  });
  return families;
}
