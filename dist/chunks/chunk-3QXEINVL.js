import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
//# sourceMappingURL=chunk-3QXEINVL.js.map
