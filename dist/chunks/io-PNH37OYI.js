import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import{a as c}from"./chunk-7KK4QBXQ.js";import{a as b}from"./chunk-OKPE77EK.js";import"./chunk-UMY37KK4.js";import{a}from"./chunk-RUFW7YIR.js";import"./chunk-Q3BN6BGB.js";import"./chunk-U2WSFEI7.js";import"./chunk-MTC36MJK.js";import"./chunk-ZV7GEH4Z.js";import"./chunk-ZXTBMWZH.js";import"./chunk-Y2MDLFCP.js";import"./chunk-BZM2GXUX.js";import"./chunk-ZIJS3VLQ.js";import"./chunk-TU7OYBIN.js";import"./chunk-BKIZNBJP.js";import"./chunk-DBURWEWC.js";import"./chunk-CMF7AB3J.js";export{c as loadPolicyArg,b as parseNow,a as sanitised};
//# sourceMappingURL=io-PNH37OYI.js.map
