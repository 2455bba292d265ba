// OutgoingMessage -> console text. Buttons get numbers the person presses with /press N.
import type { OutgoingButton, OutgoingMessage } from '../../core/outgoing.ts';

export interface NumberedButton extends OutgoingButton {
  number: number;
  channelId?: string;
  messageId: string;
}

export function renderMessage(header: string, message: OutgoingMessage, buttons: NumberedButton[]): string {
  const lines = [header + (message.title ? ` ${message.title}` : '')];
  const pings = (message.mentions ?? []).map((id) => `@${id.split(':').pop()} `).join('');
  for (const [i, line] of message.text.split('\n').entries()) lines.push(`  ${i === 0 ? pings : ''}${line}`);
  for (const field of message.fields ?? []) lines.push(`  ${field.label}: ${field.value}`);
  if (message.file) lines.push(`  [file ${message.file.name}, ${message.file.content.length} bytes]`);
  if (message.footer) lines.push(`  — ${message.footer}`);
  if (buttons.length > 0) lines.push(`  ${buttons.map((b) => `[${b.number}] ${b.label}`).join('   ')}   (/press N)`);
  return lines.join('\n');
}
