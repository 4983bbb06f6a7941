import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import{d as a,e as b}from"./chunk-4GYLA37X.js";import"./chunk-ER6WCIPT.js";import"./chunk-MVTEZX7E.js";import"./chunk-2YD5CTU5.js";export{a as isRateLimited,b as runPortfolio};
