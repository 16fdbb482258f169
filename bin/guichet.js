#!/usr/bin/env node
// Guichet runs its TypeScript sources directly through tsx (see docs/decisions/0002).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
