import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import{e as a}from"./chunk-ZROLMNUF.js";import"./chunk-7ELDZLDQ.js";import"./chunk-K2HY5WDW.js";import"./chunk-A6BRYJYG.js";import"./chunk-XCXWM3JC.js";import"./chunk-TIMW77V3.js";import"./chunk-JGZKPMX6.js";import"./chunk-Q3BN6BGB.js";import"./chunk-U2WSFEI7.js";import"./chunk-MTC36MJK.js";import"./chunk-ZV7GEH4Z.js";import"./chunk-ZXTBMWZH.js";import"./chunk-Y2MDLFCP.js";import"./chunk-BZM2GXUX.js";import"./chunk-ZIJS3VLQ.js";import"./chunk-TU7OYBIN.js";import"./chunk-BKIZNBJP.js";import"./chunk-GPOAG7YK.js";import"./chunk-DBURWEWC.js";import"./chunk-CMF7AB3J.js";export{a as verifyDeployment};
//# sourceMappingURL=verify-deployment-VCMZ46QI.js.map
