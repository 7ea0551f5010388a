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

  // The one map: offline basemap (countries), the entity's places as areas or points.
  // The container is dir="ltr" (Leaflet computes positions left-to-right); labels are rtl.
  var mapEl = document.getElementById('map');
  if (mapEl && window.L) {
    getJSON(mapEl.dataset.src, function (geo) {
      if (!geo.features.length) { return; }
      mapEl.classList.add('on');
      var map = L.map(mapEl, { attributionControl: false, zoomSnap: 0.25 });
      if (mapEl.dataset.tiles) {
        L.tileLayer(mapEl.dataset.tiles, { maxZoom: 12 }).addTo(map);
      }
      getJSON(mapEl.dataset.basemap, function (base) {
        L.geoJSON(base, { interactive: false, style: { color: '#9aa7b4', weight: 0.6, fillColor: '#eef0ea', fillOpacity: 1 } })
          .addTo(map).bringToBack();
        mapEl.dataset.basemap_ready = String(base.features.length);
      });
      var bounds = L.latLngBounds([]);
      var route = [];
      geo.features.forEach(function (f) {
        var p = f.properties;
        var text = p.name + ' (' + p.steps.join('، ') + ')';  // the name first: it reads right to left
        var layer;
        if (p.area) {
          layer = L.geoJSON(f, { style: { color: '#0b5d7a', weight: 1.5, fillColor: '#0b5d7a', fillOpacity: 0.18 } }).addTo(map);
          bounds.extend(layer.getBounds());
        } else {
          var ll = [f.geometry.coordinates[1], f.geometry.coordinates[0]];
          layer = L.circleMarker(ll, { radius: 7, color: '#fff', weight: 2, fillColor: '#c0392b', fillOpacity: 1 }).addTo(map);
          bounds.extend(ll);
        }
        var at = p.anchor || (p.area ? layer.getBounds().getCenter() : null);
        if (p.anchor) { route.push({ step: p.steps[0], ll: p.anchor }); }
        var label = textEl(text);
        label.setAttribute('dir', 'rtl');
        L.tooltip({ permanent: true, direction: 'top', offset: [0, -8], className: 'map-label' })
          .setLatLng(at || layer.getBounds().getCenter()).setContent(label).addTo(map);
      });
      route.sort(function (a, b) { return a.step - b.step; });
      if (route.length > 1) {
        L.polyline(route.map(function (r) { return r.ll; }), { color: '#0b5d7a', dashArray: '6 4', weight: 2 }).addTo(map);
      }
      map.fitBounds(bounds.pad(0.3), { maxZoom: 8 });
      mapEl.dataset.places = String(geo.features.length);
      mapEl.dataset.areas = String(geo.features.filter(function (f) { return f.properties.area; }).length);
    });
  }

  var netEl = document.getElementById('network');
  if (netEl && window.cytoscape) {
    getJSON(netEl.dataset.src, function (net) {
      var els = net.nodes.map(function (n) {
        return { data: { id: n.id, label: n.name, type: n.type, ego: n.ego ? 1 : 0,
                         size: 16 + 3 * Math.min(n.degree || n.mentions, 12) } };
      }).concat(net.edges.map(function (e, i) {
        return { data: { id: 'x' + i, source: e.source, target: e.target, weight: e.weight, co: e.predicate === 'co_mention' ? 1 : 0 } };
      }));
      // A sentence listing twenty names makes a clique: strong repulsion and long ideal edges spread it
      // out so that its labels stay apart; labels sit on a light background above their node.
      var cy = cytoscape({
        container: netEl, elements: els,
        layout: { name: 'cose', animate: false, randomize: true, nodeDimensionsIncludeLabels: true, numIter: 2500, gravity: 0.4,
                  nodeRepulsion: function () { return 60000; }, nodeOverlap: 80, componentSpacing: 60,
                  idealEdgeLength: function () { return 110; },
                  edgeElasticity: function (e) { return e.data('co') ? 400 : 100; } },
        minZoom: 0.2, maxZoom: 3,
        style: [
          { selector: 'node', style: { label: 'data(label)', 'text-wrap': 'wrap', 'text-max-width': 130, 'font-size': 17,
            'text-valign': 'top', 'text-margin-y': -3, 'text-background-color': '#ffffff', 'text-background-opacity': 0.85,
            'text-background-padding': 2, 'text-background-shape': 'roundrectangle',
            width: 'data(size)', height: 'data(size)', 'background-color': '#5b8def' } },
          { selector: 'node[type = "ORG"]', style: { 'background-color': '#e89a4f', shape: 'round-rectangle' } },
          { selector: 'node[type = "LOC"]', style: { 'background-color': '#5fa36a', shape: 'diamond' } },
          { selector: 'node[ego = 1]', style: { 'border-width': 4, 'border-color': '#c0392b', 'font-weight': 'bold' } },
          { selector: 'edge', style: { width: 'mapData(weight, 1, 5, 1, 6)', 'line-color': '#9aa7b4', opacity: 0.55 } },
          { selector: 'edge[co = 0]', style: { 'line-color': '#0b5d7a', 'target-arrow-shape': 'triangle',
            'target-arrow-color': '#0b5d7a', 'curve-style': 'bezier', opacity: 0.8 } }
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
