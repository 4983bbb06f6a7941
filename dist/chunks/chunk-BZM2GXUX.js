import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import{createHash as e}from"node:crypto";function n(t){return e("sha256").update(t,"utf8").digest("hex")}function a(t){return e("sha256").update(t).digest("hex")}function i(t){return e("sha1").update(`blob ${t.byteLength}\0`).update(t).digest("hex")}export{n as a,a as b,i as c};
//# sourceMappingURL=chunk-BZM2GXUX.js.map
