// Proves that buildRapport hands each feature only the ports it declares, and builds every port Rapport's own features and commands declare.
import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { defineFeature } from '../../src/core/feature.ts';
import { features } from '../../src/feature-list.ts';
import { createTestApp } from '../support/harness.ts';

describe('features and their ports', () => {
  it('GIVEN a feature that declares the clock and the logger WHEN Rapport is built THEN its register function receives exactly those', async () => {
    let received: string[] = [];
    const probe = defineFeature({
      name: 'probe',
      needs: ['clock', 'logger'],
      register(_registry, deps) {
        received = Object.keys(deps).sort();
      },
    });
    const app = await createTestApp({ adapters: [], features: [probe] });
    try {
      expect(received).toEqual(['clock', 'logger']);
    } finally {
      await app.close();
    }
  });

  it('GIVEN the real features and commands THEN every port they declare is built', async () => {
    const app = await createTestApp({ adapters: [] });
    try {
      const declared = new Set<string>(features.flatMap((f) => f.needs ?? []));
      for (const command of commands) {
        for (const target of command.subcommands ? Object.values(command.subcommands) : [command]) for (const name of target.needs ?? []) declared.add(name);
      }
      expect(declared.size).toBeGreaterThan(10);
      for (const name of declared) expect(Object.hasOwn(app.rapport.ports, name), name).toBe(true);
    } finally {
      await app.close();
    }
  });
});
