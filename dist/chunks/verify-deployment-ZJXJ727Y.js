import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import{b as a}from"./chunk-RO75IUNQ.js";import"./chunk-PYCCMLCE.js";import"./chunk-RNKA6HWC.js";import"./chunk-NWQKIER7.js";import"./chunk-TIMW77V3.js";import"./chunk-Q3BN6BGB.js";import"./chunk-VKZMH266.js";import"./chunk-ZKQR5ZWL.js";import"./chunk-ZIJS3VLQ.js";import"./chunk-JGZKPMX6.js";import"./chunk-MTC36MJK.js";import"./chunk-BZM2GXUX.js";import"./chunk-TU7OYBIN.js";import"./chunk-GPOAG7YK.js";import"./chunk-ZXTBMWZH.js";import"./chunk-BKIZNBJP.js";import"./chunk-DBURWEWC.js";import"./chunk-CMF7AB3J.js";export{a as verifyDeployment};
//# sourceMappingURL=verify-deployment-ZJXJ727Y.js.map
