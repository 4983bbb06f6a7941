import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import{c as a,d as b}from"./chunk-5M44LP43.js";import"./chunk-ER6WCIPT.js";import"./chunk-2YD5CTU5.js";export{b as clientTuning,a as createGitHubClient};
