import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import{b as a}from"./chunk-YBKHSGAM.js";import"./chunk-LKUXLNJD.js";import"./chunk-WOK6YYT7.js";import"./chunk-75V5HDKX.js";import"./chunk-TIMW77V3.js";import"./chunk-Q3BN6BGB.js";import"./chunk-R6NXT6T7.js";import"./chunk-UJW4TAH6.js";import"./chunk-ZIJS3VLQ.js";import"./chunk-JGZKPMX6.js";import"./chunk-MTC36MJK.js";import"./chunk-BZM2GXUX.js";import"./chunk-TU7OYBIN.js";import"./chunk-GPOAG7YK.js";import"./chunk-ZXTBMWZH.js";import"./chunk-BKIZNBJP.js";import"./chunk-DBURWEWC.js";import"./chunk-CMF7AB3J.js";export{a as verifyDeployment};
//# sourceMappingURL=verify-deployment-ILCYQ2PC.js.map
