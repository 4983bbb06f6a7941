import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import{a}from"./chunk-FP3QMFO2.js";import"./chunk-Y576RBWG.js";import"./chunk-673BD3JE.js";import"./chunk-Q7N236PZ.js";import"./chunk-LQVCLPT6.js";import"./chunk-JGZKPMX6.js";import"./chunk-3QXEINVL.js";import"./chunk-PGHJQRMS.js";import"./chunk-RTNTYD6D.js";import"./chunk-5X3CAUUE.js";import"./chunk-4CFMFQA6.js";import"./chunk-P7PP7UBK.js";import"./chunk-BZM2GXUX.js";import"./chunk-OFLAJGPW.js";import"./chunk-CSAID5DZ.js";import"./chunk-2SZGIRKI.js";import"./chunk-74XRAHDJ.js";import"./chunk-BKIZNBJP.js";import"./chunk-X3ADC67J.js";import"./chunk-FWPIDF75.js";import"./chunk-4ZUL2DMA.js";export{a as runPortfolio};
//# sourceMappingURL=run-J4PP273W.js.map
