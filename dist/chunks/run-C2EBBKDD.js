import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import{a}from"./chunk-5LQ772LE.js";import"./chunk-AZGCM622.js";import"./chunk-LEQAIP3C.js";import"./chunk-QEWAYCVV.js";import"./chunk-LQVCLPT6.js";import"./chunk-JGZKPMX6.js";import"./chunk-Q3BN6BGB.js";import"./chunk-GOWC4BCJ.js";import"./chunk-OOHXN63V.js";import"./chunk-QCU6RG6H.js";import"./chunk-Y2MDLFCP.js";import"./chunk-BZM2GXUX.js";import"./chunk-OFLAJGPW.js";import"./chunk-5ACME4HF.js";import"./chunk-KCDXSC3H.js";import"./chunk-BKIZNBJP.js";import"./chunk-HZAIBZMA.js";import"./chunk-DBURWEWC.js";import"./chunk-CMF7AB3J.js";export{a as runPortfolio};
//# sourceMappingURL=run-C2EBBKDD.js.map
