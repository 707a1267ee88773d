import { createRequire as __cr } from "node:module"; const require = __cr(import.meta.url);
import{a,b,c}from"./chunk-OZFJO3DN.js";import"./chunk-QXIDYDGD.js";import"./chunk-HBE5DQN2.js";export{a as SETTINGS_PATH,b as parseRepositorySettings,c as readSettingsValue};
