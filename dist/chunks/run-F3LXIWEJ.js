import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import{a}from"./chunk-2ZFVE6XW.js";import"./chunk-WWKZXA7R.js";import"./chunk-KJM4OWMI.js";import"./chunk-CZMSYY5E.js";import"./chunk-TIMW77V3.js";import"./chunk-JGZKPMX6.js";import"./chunk-Q3BN6BGB.js";import"./chunk-2HSE3UD6.js";import"./chunk-MTC36MJK.js";import"./chunk-ZQ62R3QO.js";import"./chunk-ZXTBMWZH.js";import"./chunk-Y2MDLFCP.js";import"./chunk-BZM2GXUX.js";import"./chunk-ZIJS3VLQ.js";import"./chunk-TU7OYBIN.js";import"./chunk-BKIZNBJP.js";import"./chunk-GPOAG7YK.js";import"./chunk-DBURWEWC.js";import"./chunk-CMF7AB3J.js";export{a as runPortfolio};
//# sourceMappingURL=run-F3LXIWEJ.js.map
