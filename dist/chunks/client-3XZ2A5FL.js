import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import{c as a}from"./chunk-MHMMTMKA.js";import"./chunk-ER6WCIPT.js";import"./chunk-2YD5CTU5.js";export{a as createGitHubClient};
