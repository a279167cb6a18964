import { describe, expect, it } from 'vitest';
import { maskSecrets } from '../../src/engine/secrets.js';
import { lintFixture } from '../helpers/run.js';

describe('maskSecrets', () => {
  it('masks tokens, keys and passwords and keeps the words around them', () => {
    expect(maskSecrets('curl -H "Authorization: Bearer EAAGm0PX4ZCpsBAKZB9xyz" https://x')).toBe('curl -H "Authorization: Bearer ***" https://x');
    expect(maskSecrets('https://api.example.com/v2/posts?api_key=a1b2c3d4e5f6&limit=5')).toBe('https://api.example.com/v2/posts?api_key=***&limit=5');
    expect(maskSecrets('-H "X-Api-Key: 0123456789abcdef"')).toBe('-H "X-Api-Key: ***"');
    expect(maskSecrets('"password": "hunter2hunter2"')).toBe('"password": "***"');
    expect(maskSecrets('OPENAI sk-proj-abcdefghijklmnop1234 and ghp_abcdefghijklmnopqrstuvwxyz')).toBe('OPENAI sk-proj-*** and ghp_***');
    expect(maskSecrets('AKIAABCDEFGHIJKLMNOP')).toBe('AKIA***');
    expect(maskSecrets('jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.abcdefghijklmnop')).toBe('jwt eyJ***');
  });

  it('leaves ordinary text alone, short values and placeholders included', () => {
    expect(maskSecrets("'Bash': a shell tool, pre-approved in .claude/settings.json: Bash(git push:*)")).toBe("'Bash': a shell tool, pre-approved in .claude/settings.json: Bash(git push:*)");
    expect(maskSecrets('token=$TOKEN and password: ${{ secrets.PW }}')).toBe('token=$TOKEN and password: ${{ secrets.PW }}');
    expect(maskSecrets("node 'Send a message' (telegram send), the token limit")).toBe("node 'Send a message' (telegram send), the token limit");
    expect(maskSecrets('api_key=***')).toBe('api_key=***');
  });
});

describe('credentials in the files read', () => {
  it('are masked in the systems a report shows, not only in the findings', async () => {
    const result = await lintFixture('claude-code-settings-rules-hold-secrets');
    const details = result.systems.flatMap((system) => system.model.agents.flatMap((agent) => agent.tools.map((tool) => tool.detail ?? '')));
    expect(details.some((detail) => detail.includes('Bearer ***') && detail.includes('api_key=***'))).toBe(true);
    expect(JSON.stringify(result)).not.toMatch(/EAAGm0PX4ZCpsBAKZB9xyz123abc|a1b2c3d4e5f6g7h8/);
  });
});
