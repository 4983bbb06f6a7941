import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
//# sourceMappingURL=chunk-Q3BN6BGB.js.map
