// Progressive enhancement only: every page is complete without scripts.
'use strict';
(function () {
  function getJSON(url, done) {
    fetch(url, { credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) { if (data !== null) { done(data); } });
  }

  // Names come from article text: always insert them as text, never as HTML.
  function textEl(s) { var el = document.createElement('span'); el.textContent = s; return el; }

  var mapEl = document.getElementById('map');
  if (mapEl && window.L) {
    getJSON(mapEl.dataset.src, function (moves) {
      var pts = moves.filter(function (m) { return m.lat !== null && m.lon !== null; });
      if (!pts.length) { return; }
      mapEl.classList.add('on');
      var map = L.map(mapEl, { attributionControl: !!mapEl.dataset.tiles });
      if (mapEl.dataset.tiles) {
        L.tileLayer(mapEl.dataset.tiles, { maxZoom: 12, attribution: '&copy; map tiles' }).addTo(map);
      }
      var line = [];
      pts.forEach(function (m, i) {
        var ll = [m.lat, m.lon];
        line.push(ll);
        L.circleMarker(ll, { radius: 7, color: '#fff', weight: 2, fillColor: '#c0392b', fillOpacity: 1 })
          .addTo(map)
          .bindTooltip(textEl((i + 1) + '. ' + m.place_name + ' (' + m.label_ar + ')'),
                       { permanent: true, direction: 'top', className: 'map-label' });
      });
      if (line.length > 1) { L.polyline(line, { color: '#0b5d7a', dashArray: '6 4' }).addTo(map); }
      map.fitBounds(L.latLngBounds(line).pad(0.4), { maxZoom: 8 });
    });
  }

  var netEl = document.getElementById('network');
  if (netEl && window.cytoscape) {
    getJSON(netEl.dataset.src, function (net) {
      var els = net.nodes.map(function (n) {
        return { data: { id: n.id, label: n.name + (n.latin ? '\n' + n.latin : ''), type: n.type, size: 20 + 4 * Math.min(n.mentions, 10) } };
      }).concat(net.edges.map(function (e, i) {
        return { data: { id: 'x' + i, source: e.source, target: e.target, weight: e.weight } };
      }));
      var cy = cytoscape({
        container: netEl, elements: els, layout: { name: 'cose', animate: false },
        style: [
          { selector: 'node', style: { label: 'data(label)', 'text-wrap': 'wrap', 'font-size': 11,
            width: 'data(size)', height: 'data(size)', 'background-color': '#5b8def' } },
          { selector: 'node[type = "ORG"]', style: { 'background-color': '#e89a4f', shape: 'round-rectangle' } },
          { selector: 'edge', style: { width: 'mapData(weight, 1, 5, 1, 6)', 'line-color': '#9aa7b4' } }
        ]
      });
      cy.on('tap', 'node', function (ev) { window.location.href = '/entity/' + encodeURIComponent(ev.target.id()); });
      netEl.dataset.ready = String(cy.nodes().length);
    });
  }

  // Background relink after a review decision: follow its progress, say when the graph is current.
  var rl = document.getElementById('relink');
  if (rl && !rl.classList.contains('idle')) {
    var poll = function () {
      getJSON(rl.dataset.src, function (st) {
        var bar = rl.querySelector('progress');
        if (st.state !== 'idle') {
          if (bar && st.percent !== null) { bar.value = st.percent; }
          window.setTimeout(poll, 1000);
          return;
        }
        rl.textContent = '';
        rl.dataset.done = String(st.generation);
        rl.appendChild(textEl(st.error ? 'فشلت إعادة الربط: ' + st.error : 'طُبّقت القرارات على الرسم البياني. '));
        var a = document.createElement('a');
        a.href = window.location.href; a.textContent = 'أعد تحميل الصفحة'; a.className = 'reload';
        rl.appendChild(a);
      });
    };
    window.setTimeout(poll, 500);
  }
})();
