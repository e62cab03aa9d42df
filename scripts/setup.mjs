// Installs what is missing and builds: what lint needs before it runs (CI calls this first).
import { build, ensureDependencies } from './bootstrap.mjs';

ensureDependencies();
build();
