import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import{d as a,e as b}from"./chunk-OSL3KCYY.js";import"./chunk-ER6WCIPT.js";import"./chunk-ZFMUIMYY.js";import"./chunk-W2QW2VYB.js";export{a as isRateLimited,b as runPortfolio};
