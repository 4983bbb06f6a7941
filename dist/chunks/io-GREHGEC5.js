import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import{a as c}from"./chunk-DYKHAEU5.js";import{a as b}from"./chunk-WY2N5VHW.js";import"./chunk-UBSNGR4F.js";import{a}from"./chunk-3GT2J4W2.js";import"./chunk-3QXEINVL.js";import"./chunk-PGHJQRMS.js";import"./chunk-RTNTYD6D.js";import"./chunk-5X3CAUUE.js";import"./chunk-4CFMFQA6.js";import"./chunk-P7PP7UBK.js";import"./chunk-BZM2GXUX.js";import"./chunk-OFLAJGPW.js";import"./chunk-CSAID5DZ.js";import"./chunk-2SZGIRKI.js";import"./chunk-74XRAHDJ.js";import"./chunk-BKIZNBJP.js";import"./chunk-FWPIDF75.js";import"./chunk-4ZUL2DMA.js";export{c as loadPolicyArg,b as parseNow,a as sanitised};
//# sourceMappingURL=io-GREHGEC5.js.map
