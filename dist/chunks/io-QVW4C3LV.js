import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import{a as c}from"./chunk-JO7HFGJJ.js";import{a as b}from"./chunk-OKPE77EK.js";import"./chunk-UMY37KK4.js";import{a}from"./chunk-RUFW7YIR.js";import"./chunk-Q3BN6BGB.js";import"./chunk-2HSE3UD6.js";import"./chunk-MTC36MJK.js";import"./chunk-ZQ62R3QO.js";import"./chunk-ZXTBMWZH.js";import"./chunk-Y2MDLFCP.js";import"./chunk-BZM2GXUX.js";import"./chunk-ZIJS3VLQ.js";import"./chunk-TU7OYBIN.js";import"./chunk-BKIZNBJP.js";import"./chunk-DBURWEWC.js";import"./chunk-CMF7AB3J.js";export{c as loadPolicyArg,b as parseNow,a as sanitised};
//# sourceMappingURL=io-QVW4C3LV.js.map
