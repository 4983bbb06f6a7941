import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import{a}from"./chunk-AEBGAUGX.js";import"./chunk-WWKZXA7R.js";import"./chunk-U36KNINE.js";import"./chunk-USJU4APY.js";import"./chunk-TIMW77V3.js";import"./chunk-JGZKPMX6.js";import"./chunk-Q3BN6BGB.js";import"./chunk-EQLZADTS.js";import"./chunk-MTC36MJK.js";import"./chunk-HHKNYZKM.js";import"./chunk-ZXTBMWZH.js";import"./chunk-Y2MDLFCP.js";import"./chunk-BZM2GXUX.js";import"./chunk-ZIJS3VLQ.js";import"./chunk-TU7OYBIN.js";import"./chunk-BKIZNBJP.js";import"./chunk-GPOAG7YK.js";import"./chunk-DBURWEWC.js";import"./chunk-CMF7AB3J.js";export{a as runPortfolio};
//# sourceMappingURL=run-ST42TQ4B.js.map
