import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import{a,b,c,d,e,f,g}from"./chunk-ER6WCIPT.js";import"./chunk-W2QW2VYB.js";export{b as GitHubAccessError,c as GitHubApiError,a as TEAMS_ADVICE,d as endpointOf,e as graphqlErrors,g as statusOf,f as toGitHubError};
