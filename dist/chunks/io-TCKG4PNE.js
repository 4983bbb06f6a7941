import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import{a as c}from"./chunk-6OO4ZKPW.js";import{a as b}from"./chunk-OKPE77EK.js";import"./chunk-HINKWMWV.js";import{a}from"./chunk-RUFW7YIR.js";import"./chunk-Q3BN6BGB.js";import"./chunk-GOWC4BCJ.js";import"./chunk-OOHXN63V.js";import"./chunk-QCU6RG6H.js";import"./chunk-Y2MDLFCP.js";import"./chunk-BZM2GXUX.js";import"./chunk-OFLAJGPW.js";import"./chunk-5ACME4HF.js";import"./chunk-KCDXSC3H.js";import"./chunk-BKIZNBJP.js";import"./chunk-DBURWEWC.js";import"./chunk-CMF7AB3J.js";export{c as loadPolicyArg,b as parseNow,a as sanitised};
//# sourceMappingURL=io-TCKG4PNE.js.map
