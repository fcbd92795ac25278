// `npm run build`: swc compiles apps/, libs/ and bench/ into dist/ with the options in .swcrc and the
// path aliases of tsconfig.base.json, the one place they are defined (jest.config.js reads them too).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const swcrc = JSON.parse(readFileSync(join(root, '.swcrc'), 'utf8'));
const { paths } = JSON.parse(readFileSync(join(root, 'tsconfig.base.json'), 'utf8')).compilerOptions;

const config = { ...swcrc, jsc: { ...swcrc.jsc, baseUrl: root, paths } };
const configFile = join(root, 'node_modules', '.cache', 'story-tracker', 'swcrc.json');
mkdirSync(dirname(configFile), { recursive: true });
writeFileSync(configFile, JSON.stringify(config));

const swc = join(root, 'node_modules', '.bin', 'swc');
const run = spawnSync(swc, ['apps', 'libs', 'bench', '-d', 'dist', '--config-file', configFile], { cwd: root, stdio: 'inherit' });
process.exit(run.status ?? 1);
