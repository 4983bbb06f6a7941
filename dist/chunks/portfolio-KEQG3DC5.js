import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import{d as a,e as b}from"./chunk-K3VOCQ2T.js";import"./chunk-ER6WCIPT.js";import"./chunk-YWSSCF4V.js";import"./chunk-W2QW2VYB.js";export{a as isRateLimited,b as runPortfolio};
