import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import{a}from"./chunk-L7FLHBFE.js";import"./chunk-WWKZXA7R.js";import"./chunk-YAWXTDYX.js";import"./chunk-SHU3MQDH.js";import"./chunk-TIMW77V3.js";import"./chunk-JGZKPMX6.js";import"./chunk-Q3BN6BGB.js";import"./chunk-OP7WDSPH.js";import"./chunk-MTC36MJK.js";import"./chunk-Y2MDLFCP.js";import"./chunk-BNJGO7N2.js";import"./chunk-ZXTBMWZH.js";import"./chunk-BZM2GXUX.js";import"./chunk-ZIJS3VLQ.js";import"./chunk-TU7OYBIN.js";import"./chunk-BKIZNBJP.js";import"./chunk-GPOAG7YK.js";import"./chunk-DBURWEWC.js";import"./chunk-CMF7AB3J.js";export{a as runPortfolio};
//# sourceMappingURL=run-VTG5AXBT.js.map
