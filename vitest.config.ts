import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [
    {
      name: 'yaml-as-text',
      transform(code, id) {
        if (id.endsWith('.yml')) return { code: `export default ${JSON.stringify(code)};`, map: null };
        return null;
      },
    },
  ],
  test: {
    include: ['__tests__/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
