/* Strata report: renders the data embedded in the page. No network, no libraries. Every text from the data is
   inserted with textContent, never as HTML. The body gets data-render-ok="true" when every section drew, or
   "false" with the problems listed in #render-errors. */
(function () {
  'use strict';
  var errors = [];
  function fail(where, e) {
    errors.push(where + ': ' + (e && e.message ? e.message : String(e)));
  }
  window.addEventListener('error', function (ev) { fail('script', ev.message || ev.error); finish(); });

  // ---------- helpers ----------
  var UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'];
  /** Sizes as docker prints them (and strata's text output): decimal units, 3 significant digits. */
  function human(bytes) {
    if (bytes === null || bytes === undefined) return '';
    var size = Number(bytes), unit = 0;
    while (Math.abs(size) >= 1000 && unit < UNITS.length - 1) { size /= 1000; unit++; }
    var text = Number(size.toPrecision(3)).toString();
    return text + UNITS[unit];
  }
  function percent(x, digits) { return (x * 100).toFixed(digits === undefined ? 2 : digits) + '%'; }
  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    if (attrs) for (var k in attrs) {
      if (!Object.prototype.hasOwnProperty.call(attrs, k) || attrs[k] === undefined || attrs[k] === null) continue;
      if (k === 'text') e.textContent = attrs[k];
      else if (k === 'cls') e.className = attrs[k];
      else if (k.slice(0, 2) === 'on') e.addEventListener(k.slice(2), attrs[k]);
      else e.setAttribute(k, attrs[k]);
    }
    (children || []).forEach(function (c) { if (c !== null && c !== undefined) e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    return e;
  }
  var SVGNS = 'http://www.w3.org/2000/svg';
  function svg(tag, attrs) {
    var e = document.createElementNS(SVGNS, tag);
    for (var k in attrs) if (Object.prototype.hasOwnProperty.call(attrs, k)) e.setAttribute(k, attrs[k]);
    return e;
  }
  /**
   * Layer colours: Okabe and Ito's colour-blind-safe set (without its vermillion, which marks waste here, and its
   * black); past six layers the colours repeat, a shade darker each round, so neighbours always differ.
   */
  var PALETTE = ['#0072B2', '#E69F00', '#56B4E9', '#009E73', '#CC79A7', '#F0E442'];
  var WASTE = '#D55E00';
  function mix(hex, white) {
    var n = parseInt(hex.slice(1), 16), r = n >> 16, g = (n >> 8) & 255, b = n & 255;
    function c(v) { return Math.round(white >= 0 ? v + (255 - v) * white : v * (1 + white)); }
    return 'rgb(' + c(r) + ',' + c(g) + ',' + c(b) + ')';
  }
  function paletteColor(i, light) {
    if (i === null || i === undefined || i < 0) return light ? '#d9dde3' : '#9aa3ae';
    var base = PALETTE[i % PALETTE.length], round = Math.floor(i / PALETTE.length) % 3;
    return mix(base, light ? 0.6 : -0.25 * round);
  }
  function layerColor(i, light) { return paletteColor(i, light); }
  /** Readable text on a palette colour: dark on the light ones (yellow, sky, orange), white on the rest. */
  function inkOn(i) {
    if (i === null || i === undefined || i < 0) return '#1d2330';
    var k = i % PALETTE.length, round = Math.floor(i / PALETTE.length) % 3;
    return (k === 1 || k === 2 || k === 5) && round < 2 ? '#1d2330' : '#fff';
  }
  function short(s, n) { s = s || ''; return s.length > n ? s.slice(0, n - 1) + '\u2026' : s; }
  /** A removed path: B's step that removed it, or how it went. */
  function removal(x, step) {
    if (!x) return '';
    var how = '(' + x.how + (x.layer !== null && x.layer !== undefined ? ' in layer ' + x.layer : '') + ')';
    var by = step ? step(x.createdBy) : x.createdBy;
    return by ? stepText(by) + ' ' + how : how;
  }

  /** created_by as a Dockerfile line: drop the shell prefix docker and buildah record. */
  function stepText(s) {
    if (!s) return '';
    s = s.replace(/\s+# buildkit$/, '');
    var nop = s.match(/^\/bin\/sh -c #\(nop\)\s+(.*)$/);
    if (nop) return nop[1];
    var run = s.match(/^\/bin\/sh -c (.*)$/);
    if (run) return 'RUN ' + run[1];
    return s;
  }
  var NOW = Date.now();
  /**
   * A config timestamp (RFC 3339, often with nanoseconds) as "2026-11-30 14:02 UTC (3 days ago)", relative to when
   * the page is looked at; the text as given when it does not parse.
   */
  function when(ts) {
    if (!ts) return '';
    var m = String(ts).match(/^(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d)(?::(\d\d)(?:\.(\d+))?)?\s*(Z|[+-]\d\d:?\d\d)?$/i);
    if (!m) return String(ts);
    var ms = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +(m[6] || 0), m[7] ? +(m[7] + '00').slice(0, 3) : 0);
    if (m[8] && m[8].toUpperCase() !== 'Z') {
      var off = m[8].replace(':', ''), sign = off[0] === '-' ? -1 : 1;
      ms -= sign * (+off.slice(1, 3) * 60 + +off.slice(3, 5)) * 60000;
    }
    var t = new Date(ms);
    if (isNaN(t.getTime())) return String(ts);
    function two(n) { return (n < 10 ? '0' : '') + n; }
    var text = t.getUTCFullYear() + '-' + two(t.getUTCMonth() + 1) + '-' + two(t.getUTCDate()) + ' '
        + two(t.getUTCHours()) + ':' + two(t.getUTCMinutes()) + ' UTC';
    if (t.getUTCFullYear() <= 1970) return text; // reproducible builds set the epoch: no age to tell
    return text + ' (' + ago(NOW - ms) + ')';
  }
  function ago(ms) {
    var future = ms < 0, s = Math.abs(ms) / 1000;
    var units = [[365.25 * 86400, 'year'], [30.44 * 86400, 'month'], [7 * 86400, 'week'], [86400, 'day'], [3600, 'hour'], [60, 'minute']];
    for (var i = 0; i < units.length; i++) {
      var n = Math.floor(s / units[i][0]);
      if (n >= 1) return (future ? 'in ' : '') + n + ' ' + units[i][1] + (n === 1 ? '' : 's') + (future ? '' : ' ago');
    }
    return 'just now';
  }
  function fig(id, value, text) {
    return el('span', {id: id, cls: 'fig', 'data-value': String(value), text: text});
  }

  // tooltip
  var tip = document.getElementById('tooltip');
  function showTip(ev, parts) {
    while (tip.firstChild) tip.removeChild(tip.firstChild);
    parts.forEach(function (p) { tip.appendChild(el('div', {cls: p[0], text: p[1]})); });
    tip.hidden = false;
    moveTip(ev);
  }
  function moveTip(ev) {
    var w = tip.offsetWidth, h = tip.offsetHeight;
    var x = ev.clientX + 14, y = ev.clientY + 14;
    if (x + w > window.innerWidth - 8) x = Math.max(8, ev.clientX - w - 14);
    if (y + h > window.innerHeight - 8) y = Math.max(8, ev.clientY - h - 14);
    tip.style.left = x + 'px';
    tip.style.top = y + 'px';
  }
  function hideTip() { tip.hidden = true; }

  var main = document.getElementById('main');
  var nav = document.getElementById('nav');
  function section(id, title, lead, count) {
    var s = el('section', {id: id, cls: 'block'}, [el('h2', {text: title})]);
    if (lead) s.appendChild(el('p', {cls: 'lead', text: lead}));
    main.appendChild(s);
    var a = el('a', {href: '#' + id, text: title});
    if (count !== undefined && count !== null) a.appendChild(el('span', {cls: 'count', text: String(count)}));
    nav.appendChild(a);
    return s;
  }
  function guarded(name, fn) {
    try { fn(); } catch (e) { fail(name, e); }
  }

  /**
   * A table with an optional filter box. columns: [{title, num, cls, get(row) -> text or node}].
   */
  function table(parent, columns, rows, opts) {
    opts = opts || {};
    var tools = el('div', {cls: 'table-tools'});
    var info = el('span', {cls: 'muted'});
    var input = null;
    if (opts.filter && rows.length > 8) {
      input = el('input', {type: 'search', placeholder: opts.filter, 'aria-label': opts.filter});
      tools.appendChild(input);
    }
    tools.appendChild(info);
    parent.appendChild(tools);
    var wrap = el('div', {cls: 'table-wrap'});
    var t = el('table', opts.id ? {id: opts.id} : null);
    var head = el('tr');
    columns.forEach(function (c) { head.appendChild(el('th', {cls: c.num ? 'num' : null, text: c.title})); });
    t.appendChild(el('thead', null, [head]));
    var body = el('tbody');
    t.appendChild(body);
    wrap.appendChild(t);
    parent.appendChild(wrap);
    var limit = opts.limit || 500;
    function draw() {
      var q = input ? input.value.trim().toLowerCase() : '';
      while (body.firstChild) body.removeChild(body.firstChild);
      var shown = 0, matched = 0;
      for (var i = 0; i < rows.length; i++) {
        var r = rows[i];
        if (q && (opts.text ? opts.text(r) : JSON.stringify(r)).toLowerCase().indexOf(q) < 0) continue;
        matched++;
        if (shown >= limit) continue;
        shown++;
        var tr = el('tr');
        columns.forEach(function (c) {
          var v = c.get(r);
          var td = el('td', {cls: (c.num ? 'num ' : '') + (c.cls || '')});
          if (v !== null && v !== undefined && typeof v === 'object') td.appendChild(v); else td.textContent = v === null || v === undefined ? '' : String(v);
          if (c.title_ && c.title_(r)) td.title = c.title_(r);
          tr.appendChild(td);
        });
        body.appendChild(tr);
      }
      var total = opts.total !== undefined ? opts.total : rows.length;
      info.textContent = (q ? matched + ' of ' + rows.length + ' rows match' : shown + ' of ' + total + ' rows')
          + (matched > shown ? ' (first ' + shown + ' shown)' : '');
    }
    if (input) input.addEventListener('input', draw);
    draw();
    return t;
  }
  function layerCell(i, steps) {
    if (i === null || i === undefined) return '';
    var s = el('span', {title: steps && steps[i] ? stepText(steps[i]) : ''},
        [el('span', {cls: 'layer-dot', style: 'background:' + layerColor(i)}), String(i)]);
    return s;
  }
  /** Text where `backticks` mark commands, as code elements (the advice's fixes are written that way). */
  function withCode(text) {
    var span = el('span');
    String(text || '').split('`').forEach(function (part, i) {
      if (part) span.appendChild(i % 2 ? el('code', {text: part}) : document.createTextNode(part));
    });
    return span;
  }
  function pill(text, cls) { return el('span', {cls: 'pill ' + (cls || ''), text: text}); }

  // ---------- image page ----------
  function renderImage(d) {
    var steps = (d.layers || []).map(function (l) { return l.createdBy || ''; });
    document.getElementById('subtitle').textContent = [d.archive.path, d.archive.format, d.image.platform,
      'config ' + short(d.image.configDigest, 19)].join('  \u00b7  ');

    guarded('summary', function () { renderSummary(d); });
    guarded('layers', function () { renderLayers(d, steps); });
    guarded('filesystem', function () { renderTreemap(d, steps); });
    guarded('packages', function () { renderPackages(d, steps); });
    guarded('advice', function () { renderAdvice(d); });
    guarded('waste', function () { renderWaste(d, steps); });
    guarded('duplicates', function () { renderDuplicates(d); });
    guarded('history', function () { renderHistory(d); });
    guarded('config', function () { renderConfig(d); });
    guarded('findings', function () { renderFindings(d); });
  }

  function card(label, valueNode, note, cls) {
    var c = el('div', {cls: 'card ' + (cls || '')}, [el('div', {cls: 'label', text: label}), el('div', {cls: 'value'}, [valueNode])]);
    if (note) c.appendChild(typeof note === 'string' ? el('div', {cls: 'note', text: note}) : note);
    return c;
  }

  function renderSummary(d) {
    var s = d.summary;
    var sec = section('summary', 'Summary', null);
    var cards = el('div', {cls: 'cards'});
    cards.appendChild(card('Image size', fig('fig-logical', s.logicalBytes, human(s.logicalBytes)),
        'sum of the ' + s.layers + ' layers (docker\u2019s SIZE)'));
    cards.appendChild(card('Final filesystem', fig('fig-squashed', s.squashedBytes, human(s.squashedBytes)),
        s.files + ' files visible at the top'));
    cards.appendChild(card('Wasted', fig('fig-wasted', s.wastedBytes, human(s.wastedBytes)),
        'stored in layers, hidden by later ones', s.wastedBytes > 0 ? 'bad' : 'good'));
    var eff = card('Efficiency', fig('fig-efficiency', s.efficiency, percent(s.efficiency)), null,
        s.efficiency >= 0.9 ? 'good' : s.efficiency >= 0.7 ? 'warn' : 'bad');
    var meter = el('div', {cls: 'meter'}, [el('div', {style: 'width:' + Math.max(0, Math.min(100, s.efficiency * 100)).toFixed(1) + '%'})]);
    eff.appendChild(meter);
    eff.appendChild(el('div', {cls: 'note', text: 'dive\u2019s score: ' + percent(d.waste.dive.efficiency)}));
    cards.appendChild(eff);
    cards.appendChild(card('Duplicates', fig('fig-duplicates', s.duplicateBytes, human(s.duplicateBytes)),
        'same content at another path'));
    cards.appendChild(card('Advice', fig('fig-advice-count', s.adviceCount, String(s.adviceCount)),
        el('div', {cls: 'note'}, ['could save ', fig('fig-saved', s.bytesSaved, human(s.bytesSaved))]),
        s.bytesSaved > 0 ? 'warn' : 'good'));
    cards.appendChild(card('Layers', fig('fig-layers', s.layers, String(s.layers)),
        human(s.compressedBytes) + ' compressed in the archive'));
    var f = s.findings;
    var note = el('div', {cls: 'note'}, [fig('fig-errors', f.errors, String(f.errors)), ' errors, ',
      fig('fig-warnings', f.warnings, String(f.warnings)), ' warnings, ', fig('fig-infos', f.infos, String(f.infos)),
      ' info' + (d.verified ? (f.passed ? ' \u00b7 verify passed' : ' \u00b7 verify FAILED') : ' (scan only)')
        + (f.security ? ' \u00b7 ' + f.security + ' possible secret' + (f.security === 1 ? '' : 's') : '')]);
    cards.appendChild(card('Findings', fig('fig-findings', f.total, String(f.total)), note,
        f.errors > 0 || f.security > 0 ? 'bad' : f.warnings > 0 ? 'warn' : 'good'));
    sec.appendChild(cards);
  }

  function renderLayers(d, steps) {
    var layers = d.layers;
    var sec = section('layers', 'Layers', 'Content bytes each layer adds; the striped part is what later layers hide or replace (still shipped). Hover a bar for its build step.', layers.length);
    var legend = el('div', {cls: 'legend'}, [
      el('span', null, [el('span', {cls: 'sw', style: 'background:' + layerColor(0)}), 'bytes still visible (colour of the layer)']),
      el('span', null, [el('span', {cls: 'sw waste'}), 'bytes hidden by a later layer (waste, striped)'])]);
    sec.appendChild(legend);
    var box = el('div', {id: 'layer-chart'});
    sec.appendChild(box);
    var max = 1;
    layers.forEach(function (l) { max = Math.max(max, l.contentBytes); });
    var drawnAt = -1;
    /** Drawn at the box's own pixel width, never scaled down: the text stays 12-13 px at any window width. */
    function draw() {
      var width = Math.max(320, Math.floor(box.clientWidth || 1200));
      if (width === drawnAt) return;
      drawnAt = width;
      while (box.firstChild) box.removeChild(box.firstChild);
      var rowH = layers.length > 40 ? 18 : 26, font = layers.length > 40 ? 12 : 13;
      var labelW = 64, numW = 190;
      // the build step gets a column only where there is room for it; the tooltip always has it
      var stepW = width >= 1000 ? Math.floor((width - labelW - numW) * 0.45) : 0;
      var barW = width - labelW - numW - stepW - 8;
      var height = layers.length * rowH + 8;
      var s = svg('svg', {width: width, height: height, viewBox: '0 0 ' + width + ' ' + height, role: 'img', 'aria-label': 'bytes per layer'});
      // waste is striped as well as vermillion, so it never reads as the orange of a layer
      var defs = svg('defs', {}), stripes = svg('pattern', {id: 'waste-stripes', width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)'});
      stripes.appendChild(svg('rect', {width: 6, height: 6, fill: '#f6d5c2'}));
      stripes.appendChild(svg('rect', {width: 3, height: 6, fill: WASTE}));
      defs.appendChild(stripes);
      s.appendChild(defs);
      layers.forEach(function (l, i) {
        var y = 4 + i * rowH;
        var g = svg('g', {'class': 'bar-row', 'data-layer': String(l.index), 'data-bytes': String(l.contentBytes),
          'data-wasted': String(l.wastedBytes)});
        g.appendChild(svg('rect', {'class': 'row-bg', x: 0, y: y, width: width, height: rowH, fill: i % 2 ? '#fafbfc' : '#ffffff'}));
        var label = svg('text', {x: 6, y: y + rowH * 0.68, 'font-size': font, fill: '#3b4554'});
        label.textContent = 'layer ' + l.index;
        g.appendChild(label);
        var w = l.contentBytes > 0 ? Math.max(2, barW * l.contentBytes / max) : 0;
        var ww = l.contentBytes > 0 ? w * Math.min(1, l.wastedBytes / l.contentBytes) : 0;
        var bh = rowH - 8;
        if (w > 0) g.appendChild(svg('rect', {x: labelW, y: y + 4, width: (w - ww).toFixed(2), height: bh, rx: 2, fill: layerColor(l.index)}));
        if (ww > 0) g.appendChild(svg('rect', {x: (labelW + w - ww).toFixed(2), y: y + 4, width: Math.max(1, ww).toFixed(2), height: bh, rx: 2, fill: 'url(#waste-stripes)', stroke: WASTE, 'stroke-width': 1}));
        var num = svg('text', {x: labelW + barW + 8, y: y + rowH * 0.68, 'font-size': font, fill: '#1d2330'});
        num.textContent = human(l.contentBytes) + (l.wastedBytes > 0 ? '  (' + human(l.wastedBytes) + ' wasted)' : '');
        g.appendChild(num);
        if (stepW > 0) {
          var st = svg('text', {x: labelW + barW + numW, y: y + rowH * 0.68, 'font-size': font - 1, fill: '#5f6b7a', 'font-family': 'monospace'});
          st.textContent = short(stepText(l.createdBy), Math.max(10, Math.floor(stepW / ((font - 1) * 0.62))));
          g.appendChild(st);
        }
        g.addEventListener('mousemove', function (ev) {
          showTip(ev, [['t-title', 'layer ' + l.index + '  ' + short(l.diffId, 27)],
            ['t-row', 'content ' + human(l.contentBytes) + ' (' + l.contentBytes + ' B), tar ' + human(l.tarBytes) + ', stored ' + human(l.compressedBytes) + ' ' + l.compression],
            ['t-row', l.entries + ' tar entries; wasted ' + human(l.wastedBytes) + '; hides ' + human(l.hiddenBytes) + ' of lower layers'],
            ['t-step', stepText(l.createdBy) || '(no history step)']]);
        });
        g.addEventListener('mouseleave', hideTip);
        s.appendChild(g);
      });
      box.appendChild(s);
    }
    draw();
    var timer = null;
    window.addEventListener('resize', function () { clearTimeout(timer); timer = setTimeout(draw, 120); });
  }

  // ----- treemap -----
  function renderTreemap(d, steps) {
    var tree = d.tree;
    var sec = section('filesystem', 'Filesystem', 'The final filesystem, each block sized by its bytes and coloured by the layer that put most of them there, by the folder it is in, or by the package that owns most of them. Click a folder to zoom in; small files are grouped.');
    var bar = el('div', {cls: 'tm-bar'});
    var crumbs = el('div', {cls: 'crumbs'});
    var up = el('button', {cls: 'small', text: '\u2191 up'});
    var owners = d.treeOwners || [];
    var colourBy = el('select', {id: 'treemap-colour', 'aria-label': 'colour by'});
    colourBy.appendChild(el('option', {value: 'layer', text: 'colour by layer'}));
    colourBy.appendChild(el('option', {value: 'folder', text: 'colour by folder'}));
    if (owners.length) colourBy.appendChild(el('option', {value: 'package', text: 'colour by package'}));
    bar.appendChild(up);
    bar.appendChild(colourBy);
    bar.appendChild(crumbs);
    sec.appendChild(bar);
    var wrap = el('div', {id: 'treemap-wrap'});
    var canvas = el('canvas', {id: 'treemap', 'aria-label': 'treemap of the final filesystem'});
    wrap.appendChild(canvas);
    sec.appendChild(wrap);
    var legend = el('div', {cls: 'legend', id: 'treemap-legend'});
    sec.appendChild(legend);
    var listing = el('div', {id: 'treemap-list'});
    sec.appendChild(listing);
    var layerTotals = {}, ownerTotals = {};
    (function walk(n) {
      if (!n.c) {
        layerTotals[n.l] = (layerTotals[n.l] || 0) + n.s;
        var p = n.p === undefined ? -1 : n.p;
        ownerTotals[p] = (ownerTotals[p] || 0) + n.s;
      } else n.c.forEach(walk);
    })(tree);
    // the packages holding the most bytes get the palette's colours (three shades of six); the rest share a grey
    var ownerRank = {};
    Object.keys(ownerTotals).map(Number).filter(function (p) { return p >= 0; })
        .sort(function (a, b) { return ownerTotals[b] - ownerTotals[a] || a - b; })
        .forEach(function (p, i) { ownerRank[p] = i; });
    var COLOURED = PALETTE.length * 3;
    /** The fill of a block and the ink for its label, by the chosen colouring; top = its folder's rank in the view. */
    function colours(n, top, light) {
      var k;
      if (colourBy.value === 'folder') k = top < COLOURED ? top : -1;
      else if (colourBy.value === 'package') {
        var p = n.p === undefined ? -1 : n.p;
        k = p < 0 ? -1 : ownerRank[p] < COLOURED ? ownerRank[p] : -2;
      } else k = n.l;
      if (k === -2) return {fill: light ? '#e4e7ec' : '#b7bec8', ink: '#1d2330'};
      return {fill: paletteColor(k, light), ink: light ? '#1d2330' : inkOn(k)};
    }
    function swatch(colour, text, key, title, bytes) {
      return el('span', {title: title || '', 'data-key': key, 'data-colour': colour, 'data-bytes': bytes === undefined ? null : String(bytes)}, [el('span', {cls: 'sw', style: 'background:' + colour}), text]);
    }
    function drawLegend(node, kids) {
      while (legend.firstChild) legend.removeChild(legend.firstChild);
      legend.setAttribute('data-colour-by', colourBy.value);
      if (colourBy.value === 'folder') {
        kids.forEach(function (k, i) {
          if (i < COLOURED) legend.appendChild(swatch(paletteColor(i), k.n + (k.c ? '/' : '') + ' ' + human(k.s), k.n, '', k.s));
        });
        if (kids.length > COLOURED) legend.appendChild(swatch(paletteColor(-1), (kids.length - COLOURED) + ' more', ''));
      } else if (colourBy.value === 'package') {
        var ranked = Object.keys(ownerRank).map(Number).sort(function (a, b) { return ownerRank[a] - ownerRank[b]; });
        ranked.slice(0, COLOURED).forEach(function (p) {
          legend.appendChild(swatch(paletteColor(ownerRank[p]), owners[p] + ' ' + human(ownerTotals[p]), owners[p], '', ownerTotals[p]));
        });
        if (ranked.length > COLOURED) legend.appendChild(swatch('#b7bec8', (ranked.length - COLOURED) + ' more packages', ''));
        if (ownerTotals[-1]) legend.appendChild(swatch(paletteColor(-1), 'no package ' + human(ownerTotals[-1]), ''));
      } else {
        Object.keys(layerTotals).map(Number).sort(function (a, b) { return a - b; }).forEach(function (l) {
          legend.appendChild(swatch(layerColor(l), 'layer ' + l + ' ' + human(layerTotals[l]), String(l), stepText(steps[l]), layerTotals[l]));
        });
      }
    }
    colourBy.addEventListener('change', function () { draw(); });
    var path = [tree];
    var rects = [];
    var hover = null;
    function fullPath(stack, node) {
      var names = stack.slice(1).map(function (n) { return n.n; });
      if (node && node !== stack[stack.length - 1]) names.push(node.n);
      return '/' + names.join('/');
    }
    function drawCrumbs() {
      while (crumbs.firstChild) crumbs.removeChild(crumbs.firstChild);
      path.forEach(function (n, i) {
        if (i > 1) crumbs.appendChild(el('span', {cls: 'sep', text: '/'}));
        var name = i === 0 ? '/' : n.n;
        if (i === path.length - 1) crumbs.appendChild(el('span', {cls: 'here', text: name + '  ' + human(n.s)}));
        else crumbs.appendChild(el('a', {text: name, onclick: function () { path = path.slice(0, i + 1); draw(); }}));
      });
      up.disabled = path.length === 1;
      if (history.replaceState && path.length > 1) history.replaceState(null, '', '#fs=' + encodeURI(fullPath(path)));
    }
    up.addEventListener('click', function () { if (path.length > 1) { path.pop(); draw(); } });

    /** Squarified treemap (Bruls, Huijsing, van Wijk): lays out items (sorted, value > 0) in rect. */
    function squarify(items, x, y, w, h, out) {
      var total = 0;
      items.forEach(function (it) { total += it.v; });
      if (total <= 0 || w <= 0 || h <= 0) return;
      var scale = (w * h) / total;
      var i = 0;
      while (i < items.length) {
        var short_ = Math.min(w, h);
        var row = [], rowSum = 0, best = Infinity;
        while (i < items.length) {
          var a = items[i].v * scale;
          var sum = rowSum + a;
          var maxA = Math.max(a, row.length ? row[0].v * scale : 0);
          var minA = Math.min(a, row.length ? row[row.length - 1].v * scale : a);
          var worst = Math.max((short_ * short_ * maxA) / (sum * sum), (sum * sum) / (short_ * short_ * minA));
          if (row.length && worst > best) break;
          best = worst; row.push(items[i]); rowSum = sum; i++;
        }
        var thick = rowSum / short_;
        var off = 0;
        row.forEach(function (it) {
          var len = it.v * scale / thick;
          if (w >= h) out.push({item: it, x: x, y: y + off, w: thick, h: len});
          else out.push({item: it, x: x + off, y: y, w: len, h: thick});
          off += len;
        });
        if (w >= h) { x += thick; w -= thick; } else { y += thick; h -= thick; }
      }
    }
    function draw() {
      var dpr = window.devicePixelRatio || 1;
      var cw = canvas.clientWidth || 1200, ch = canvas.clientHeight || 560;
      canvas.width = Math.round(cw * dpr);
      canvas.height = Math.round(ch * dpr);
      var ctx = canvas.getContext('2d');
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.clearRect(0, 0, cw, ch);
      ctx.textBaseline = 'top';
      rects = [];
      var node = path[path.length - 1];
      drawCrumbs();
      drawListing(node);
      if (!node.c || node.s === 0) {
        var only = colours(node, 0, false);
        drawLegend(node, [node]);
        ctx.fillStyle = only.fill;
        ctx.fillRect(0, 0, cw, ch);
        ctx.fillStyle = only.ink;
        ctx.font = '14px system-ui, sans-serif';
        ctx.fillText(node.n + ' ' + human(node.s), 10, 10);
        rects.push({x: 0, y: 0, w: cw, h: ch, node: node, stack: path.slice()});
        return;
      }
      layout(ctx, node, path.slice(), 0, 0, cw, ch, 0, -1);
    }
    /** The current folder's biggest entries as a list: the small ones the treemap cannot show stay reachable. */
    function drawListing(node) {
      while (listing.firstChild) listing.removeChild(listing.firstChild);
      var kids = (node.c || []).slice().sort(function (a, b) { return b.s - a.s || (a.n < b.n ? -1 : 1); });
      if (!kids.length) return;
      var t = el('table', {cls: 'tm-list'});
      t.appendChild(el('tr', null, [el('th', {text: 'in ' + fullPath(path)}), el('th', {cls: 'num', text: 'bytes'}),
        el('th', {cls: 'num', text: 'share'}), el('th', {cls: 'num', text: 'files'}), el('th', {text: 'mostly from'})]));
      kids.slice(0, 12).forEach(function (k) {
        var name = k.o ? el('span', {cls: 'muted', text: k.n}) : k.c
            ? el('a', {cls: 'zoom', text: k.n + '/', onclick: function () { path = path.concat([k]); draw(); }})
            : el('span', {text: k.n});
        t.appendChild(el('tr', null, [el('td', {cls: 'path'}, [name]), el('td', {cls: 'num', text: human(k.s)}),
          el('td', {cls: 'num', text: node.s ? percent(k.s / node.s, 1) : ''}), el('td', {cls: 'num', text: String(k.f)}),
          el('td', null, [layerCell(k.l, steps)])]));
      });
      if (kids.length > 12) t.appendChild(el('tr', null, [el('td', {cls: 'muted', colspan: '5', text: (kids.length - 12) + ' more entries'})]));
      listing.appendChild(t);
    }
    function layout(ctx, node, stack, x, y, w, h, depth, top) {
      var items = (node.c || []).filter(function (c) { return c.s > 0; }).map(function (c) { return {v: c.s, node: c}; });
      items.sort(function (a, b) { return b.v - a.v; });
      if (depth === 0) {
        items.forEach(function (it, i) { it.top = i; });
        drawLegend(node, items.map(function (it) { return it.node; }));
      }
      var out = [];
      squarify(items, x, y, w, h, out);
      out.forEach(function (r) {
        var n = r.node || r.item.node;
        var rx = Math.round(r.x), ry = Math.round(r.y), rw = Math.round(r.x + r.w) - rx, rh = Math.round(r.y + r.h) - ry;
        if (rw < 1 || rh < 1) return;
        var isDir = !!n.c;
        var headH = isDir && rw > 40 && rh > 34 && depth < 3 ? 16 : 0;
        var t = depth === 0 ? r.item.top : top;
        var c = colours(n, t, n.o || isDir), head = colours(n, t, false);
        ctx.fillStyle = c.fill;
        ctx.fillRect(rx, ry, rw, rh);
        if (isDir && headH) {
          ctx.fillStyle = head.fill;
          ctx.fillRect(rx, ry, rw, headH);
        }
        ctx.strokeStyle = 'rgba(255,255,255,' + (depth === 0 ? '0.95' : '0.7') + ')';
        ctx.lineWidth = depth === 0 ? 2 : 1;
        ctx.strokeRect(rx + 0.5, ry + 0.5, rw - 1, rh - 1);
        var childStack = stack.concat([n]);
        rects.push({x: rx, y: ry, w: rw, h: rh, node: n, stack: childStack, depth: depth});
        var label = (n.o ? '' : n.n) + (n.o ? n.n : '') + '  ' + human(n.s);
        if (headH) {
          text(ctx, label, rx + 4, ry + 2, rw - 8, '600 11px system-ui, sans-serif', head.ink);
          layout(ctx, n, childStack, rx + 2, ry + headH, rw - 4, rh - headH - 2, depth + 1, t);
        } else if (rw > 46 && rh > 16) {
          text(ctx, label, rx + 4, ry + 3, rw - 8, (depth === 0 ? '600 ' : '') + '11px system-ui, sans-serif', c.ink);
        }
      });
    }
    function text(ctx, s, x, y, maxW, font, color) {
      ctx.font = font;
      if (ctx.measureText(s).width > maxW) {
        while (s.length > 1 && ctx.measureText(s + '\u2026').width > maxW) s = s.slice(0, -1);
        s = s + '\u2026';
        if (maxW < 14) return;
      }
      ctx.fillStyle = color;
      ctx.fillText(s, x, y);
    }
    function hit(ev) {
      var b = canvas.getBoundingClientRect();
      var x = ev.clientX - b.left, y = ev.clientY - b.top;
      for (var i = rects.length - 1; i >= 0; i--) {
        var r = rects[i];
        if (x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h) return r;
      }
      return null;
    }
    canvas.addEventListener('mousemove', function (ev) {
      var r = hit(ev);
      if (!r) { hideTip(); return; }
      var n = r.node;
      var p = n.o ? fullPath(r.stack.slice(0, -1)) + '/\u2026' : fullPath(r.stack);
      showTip(ev, [['t-title', p.replace(/^\/\//, '/')],
        ['t-row', human(n.s) + ' (' + n.s + ' B)' + (n.f > 1 || n.c ? ', ' + n.f + ' files' : '') + (n.o ? ' grouped' : '') + (n.m ? ', not opened: too small to draw' : '')],
        ['t-row', 'mostly from layer ' + n.l + (n.p !== undefined ? '; mostly owned by ' + owners[n.p] : owners.length ? '; mostly in no package' : '')],
        ['t-step', stepText(steps[n.l]) || '']]);
      canvas.style.cursor = n.c ? 'zoom-in' : 'default';
    });
    canvas.addEventListener('mouseleave', hideTip);
    canvas.addEventListener('click', function (ev) {
      var r = hit(ev);
      if (!r) return;
      // zoom to the shallowest folder under the current view that contains the click
      var target = null;
      for (var i = path.length; i < r.stack.length; i++) { if (r.stack[i].c) { target = i; break; } }
      if (target !== null) { path = r.stack.slice(0, target + 1); hideTip(); draw(); }
    });
    var resizeTimer = null;
    window.addEventListener('resize', function () { clearTimeout(resizeTimer); resizeTimer = setTimeout(draw, 120); });
    // #fs=/usr/lib opens that folder: a link to the page can point at a folder
    var wanted = (location.hash.match(/^#fs=(.*)$/) || [])[1];
    if (wanted) {
      decodeURIComponent(wanted).split('/').filter(function (x) { return x; }).some(function (name) {
        var here = path[path.length - 1];
        var next = (here.c || []).filter(function (k) { return k.c && !k.o && k.n === name; })[0];
        if (!next) return true;
        path.push(next);
        return false;
      });
    }
    draw();
    canvas.setAttribute('data-nodes', String(countNodes(tree)));
  }
  function countNodes(n) { var c = 1; (n.c || []).forEach(function (k) { c += countNodes(k); }); return c; }

  /** The package inventory: a table sortable by bytes (the default), name or installing layer. */
  function renderPackages(d, steps) {
    var pkgs = (d.packages || []).slice();
    if (!pkgs.length) return;
    var sec = section('packages', 'Packages', 'What the package databases list, the layer that installed each'
        + ' (its history step on hover), the files it owns and their bytes in the final filesystem.', pkgs.length);
    var orders = {
      bytes: function (a, b) { return b.bytes - a.bytes || (a.name < b.name ? -1 : 1); },
      name: function (a, b) { return a.ecosystem < b.ecosystem ? -1 : a.ecosystem > b.ecosystem ? 1 : (a.name < b.name ? -1 : a.name > b.name ? 1 : 0); },
      layer: function (a, b) { return a.layer.index - b.layer.index || b.bytes - a.bytes; }
    };
    var sort = el('select', {id: 'packages-sort', 'aria-label': 'sort packages by'});
    Object.keys(orders).forEach(function (k) { sort.appendChild(el('option', {value: k, text: 'sort by ' + k})); });
    sec.appendChild(sort);
    var holder = el('div');
    sec.appendChild(holder);
    function draw() {
      while (holder.firstChild) holder.removeChild(holder.firstChild);
      var rows = pkgs.slice().sort(orders[sort.value]);
      table(holder, [
        {title: 'ecosystem', get: function (p) { return p.ecosystem; }},
        {title: 'name', get: function (p) { return p.name; }},
        {title: 'version', get: function (p) { return p.version; }},
        {title: 'installed in', get: function (p) { return layerCell(p.layer.index, steps); }},
        {title: 'changed in', get: function (p) { return layerCell(p.lastChangedLayer.index, steps); }},
        {title: 'files', num: true, get: function (p) { return String(p.files); }},
        {title: 'bytes', num: true, get: function (p) { return human(p.bytes); }},
        {title: 'hidden', num: true, get: function (p) { return p.hiddenBytes ? human(p.hiddenBytes) : ''; }},
        {title: 'why', get: function (p) {
          var why = (p.requiredBy || []).length ? 'required by ' + p.requiredBy.join(', ')
              : (p.recommendedBy || []).length ? 'recommended by ' + p.recommendedBy.join(', ') : '';
          return p.auto === true ? (why || 'automatic') : why;
        }}
      ], rows, {filter: 'filter packages\u2026', limit: 2000, id: 'packages-table'});
    }
    sort.addEventListener('change', draw);
    draw();
  }

  function renderAdvice(d) {
    var advice = d.advice.advice;
    var sec = section('advice', 'Advice', advice.length
        ? 'What to change in the build, biggest saving first. Each stored byte is counted by one piece of advice only.'
        : 'Nothing wasteful found.', advice.length);
    var list = el('div', {id: 'advice-list'});
    advice.forEach(function (a, i) {
      var save = a.saving === 'image' ? human(a.bytesSaved) : a.saving === 'rebuild' ? human(a.bytesSaved) + ' per rebuild'
          : (a.layersSaved > 0 ? a.layersSaved + ' layer' + (a.layersSaved === 1 ? '' : 's') : '\u2013');
      var box = el('div', {cls: 'advice' + (a.security ? ' security' : ''), 'data-rule': a.rule, 'data-bytes': String(a.bytesSaved)}, [
        el('div', {cls: 'head'}, [
          el('span', {cls: 'save ' + (a.saving === 'image' ? '' : a.saving), text: save}),
          pill(a.rule, a.security ? 'error' : ''),
          a.security ? pill('security', 'error') : null,
          el('span', {cls: 'title', text: a.title})]),
        el('div', {cls: 'fix'}, [el('b', {text: 'Fix: '}), withCode(a.fix)])]);
      var det = el('details', i < 3 ? {open: 'open'} : null, [el('summary', {text: 'Evidence (' + a.evidence.length + ') and build steps (' + a.steps.length + ')'})]);
      var t = el('table');
      t.appendChild(el('tr', null, [el('th', {text: 'where'}), el('th', {cls: 'num', text: 'bytes'}), el('th', {cls: 'num', text: 'files'}), el('th', {text: 'layer'}), el('th', {text: 'note'})]));
      a.evidence.forEach(function (e) {
        t.appendChild(el('tr', null, [el('td', {cls: 'path', text: e.path || (e.layer !== null ? 'layer ' + e.layer : '')}),
          el('td', {cls: 'num', text: human(e.bytes)}), el('td', {cls: 'num', text: e.files === null ? '' : String(e.files)}),
          el('td', null, [e.layer === null ? '' : layerCell(e.layer)]), el('td', {text: e.note})]));
      });
      det.appendChild(t);
      var st = el('table');
      a.steps.forEach(function (s) {
        st.appendChild(el('tr', null, [el('td', {style: 'white-space:nowrap'}, [s.layer === null ? 'step' : layerCell(s.layer)]),
          el('td', {cls: 'step', text: stepText(s.createdBy) || '(no history step)'})]));
      });
      det.appendChild(st);
      box.appendChild(det);
      list.appendChild(box);
    });
    sec.appendChild(list);
  }

  function renderWaste(d, steps) {
    var w = d.waste;
    var sec = section('waste', 'Wasted bytes', 'Versions stored in a layer but hidden in the final filesystem: deleted, overwritten, or under a replaced folder. Biggest first.', w.wastedPaths);
    table(sec, [
      {title: 'path', cls: 'path', get: function (r) { return r.path; }},
      {title: 'bytes', num: true, get: function (r) { return human(r.bytes); }},
      {title: 'stored in', get: function (r) { return layerCell(r.layer, steps); }},
      {title: 'hidden by', get: function (r) { return layerCell(r.hiddenBy, steps); }},
      {title: 'how', get: function (r) { return pill(r.reason); }},
      {title: 'step that hid it', cls: 'step', get: function (r) { return short(stepText(r.hiddenByCreatedBy), 140); }}
    ], w.wasted, {filter: 'filter paths\u2026', total: w.wastedPaths, id: 'waste-table', text: function (r) { return r.path + ' ' + r.reason; }});
  }

  function renderDuplicates(d) {
    var w = d.waste;
    var sec = section('duplicates', 'Duplicates', 'Visible files with the same content at several paths (hardlinks count once).', w.duplicateGroups);
    table(sec, [
      {title: 'wasted', num: true, get: function (r) { return human(r.wastedBytes); }},
      {title: 'copies', num: true, get: function (r) { return String(r.copies); }},
      {title: 'size', num: true, get: function (r) { return human(r.size); }},
      {title: 'paths', cls: 'path', get: function (r) { return r.paths.slice(0, 6).join('\n') + (r.paths.length > 6 ? '\n\u2026 ' + (r.paths.length - 6) + ' more' : ''); }}
    ], w.duplicates, {filter: 'filter paths\u2026', total: w.duplicateGroups, id: 'dup-table', text: function (r) { return r.paths.join(' '); }});
    var rows = sec.querySelectorAll('td.path');
    for (var i = 0; i < rows.length; i++) rows[i].style.whiteSpace = 'pre-line';
  }

  function renderHistory(d) {
    var rows = d.history.slice().reverse().map(function (r, i) { r.step = i; return r; });
    var sec = section('history', 'History', 'The build steps in order, oldest first, as the config records them; sizes are each layer\u2019s content bytes.', rows.length);
    table(sec, [
      {title: '#', num: true, get: function (r) { return String(r.step); }},
      {title: 'layer', get: function (r) { return r.layer === null ? el('span', {cls: 'muted', text: 'none'}) : layerCell(r.layer); }},
      {title: 'created', cls: 'when', get: function (r) { return el('span', {title: r.created || '', text: when(r.created)}); }},
      {title: 'size', num: true, get: function (r) { return r.emptyLayer ? '' : human(r.contentBytes); }},
      {title: 'created by', cls: 'step', get: function (r) { return stepText(r.createdBy) + (r.comment ? '  (' + r.comment + ')' : ''); }}
    ], rows, {filter: 'filter steps\u2026', limit: 2000, id: 'history-table'});
  }

  function renderConfig(d) {
    var c = d.config;
    var sec = section('config', 'Config', 'What a container of this image starts with.');
    var dl = el('dl', {cls: 'kv'});
    function add(key, value) {
      if (value === null || value === undefined || (Array.isArray(value) && !value.length) || value === '') return;
      var dd = el('dd');
      if (Array.isArray(value)) value.forEach(function (v) { dd.appendChild(el('div', {text: v})); });
      else dd.textContent = String(value);
      dl.appendChild(el('dt', {text: key}));
      dl.appendChild(dd);
    }
    add('image', d.image.name);
    add('tags', d.image.refs);
    add('platform', d.image.platform);
    add('created', c.created ? when(c.created) + '  \u00b7  ' + c.created : null);
    add('author', c.author);
    add('user', c.user || '(root)');
    add('working dir', c.workingDir);
    add('entrypoint', c.entrypoint && c.entrypoint.length ? JSON.stringify(c.entrypoint) : null);
    add('cmd', c.cmd && c.cmd.length ? JSON.stringify(c.cmd) : null);
    add('env', c.env);
    add('exposed ports', c.exposedPorts);
    add('volumes', c.volumes);
    add('labels', Object.keys(c.labels || {}).map(function (k) { return k + '=' + c.labels[k]; }));
    add('stop signal', c.stopSignal);
    add('healthcheck', c.healthcheck ? JSON.stringify(c.healthcheck) : null);
    add('config digest', d.image.configDigest);
    add('manifest digest', d.image.manifestDigest);
    add('archive', d.archive.path + ' (' + d.archive.format + ', ' + human(d.archive.bytes) + ')');
    sec.appendChild(dl);
  }

  function renderFindings(d) {
    var f = d.findings;
    var sec = section('findings', 'Findings', (d.verified
        ? 'What strata verify found: digests and sizes of every blob, diff_ids, manifests and references, and the spec rules for each layer tar.'
          + (d.archiveSha256 ? ' Archive ' + d.archiveSha256 + '.' : '')
        : 'What reading the archive met while scanning its layers (made with --no-verify: blob digests were not checked).'),
        f.length + (d.security || []).length);
    var columns = [
      {title: 'severity', get: function (r) { return pill(r.severity, r.severity); }},
      {title: 'code', cls: 'mono', get: function (r) { return r.code; }},
      {title: 'layer', get: function (r) { return r.layer === null || r.layer === undefined ? '' : layerCell(r.layer); }},
      {title: 'path', cls: 'path', get: function (r) { return r.path || ''; }},
      {title: 'message', get: function (r) { return r.message; }}];
    if ((d.security || []).length) {
      sec.appendChild(el('h3', {text: 'Possible secrets (from the advice)'}));
      table(sec, columns, d.security, {id: 'security-table'});
      sec.appendChild(el('h3', {text: d.verified ? 'Verify' : 'Scan'}));
    }
    if (!f.length) { sec.appendChild(el('p', {cls: 'muted', text: d.verified ? 'No findings: verify passed.' : 'No findings.'})); return; }
    table(sec, columns, f, {filter: 'filter findings\u2026', id: 'findings-table'});
    if (d.findingsOmitted) sec.appendChild(el('p', {cls: 'muted', text: d.findingsOmitted + ' more findings are not in this page; strata verify lists them all.'}));
  }

  /** A byte delta with its sign: +1.2MB, \u22124kB, 0B. */
  function signed(bytes) { return (bytes > 0 ? '+' : bytes < 0 ? '\u2212' : '') + human(Math.abs(bytes)); }
  // the columns of a group of changed paths (a folder, a package): counts per kind, squashed bytes on both sides
  function groupColumns(first) {
    return [first,
      {title: 'added', num: true, get: function (r) { return String(r.added); }},
      {title: 'removed', num: true, get: function (r) { return String(r.removed); }},
      {title: 'modified', num: true, get: function (r) { return String(r.modified); }},
      {title: 'metadata', num: true, get: function (r) { return String(r.metadata); }},
      {title: 'A', num: true, get: function (r) { return human(r.bytesBefore); }},
      {title: 'B', num: true, get: function (r) { return human(r.bytesAfter); }},
      {title: '\u0394', num: true, get: function (r) { return signed(r.bytesDelta); }}];
  }

  /**
   * The changed paths, every one of them reachable: PAGE rows at a time with first/previous/next/last controls,
   * narrowed by change kind, by folder (or package, when the rows carry one) and by a filter on the path. The
   * table has a fixed layout, so a long path wraps inside its column instead of pushing the others off screen.
   */
  var PAGE = 200;
  function renderDiffFiles(x, steps) {
    var files = x.files || [];
    var sec = section('files', 'Files', 'Paths that differ between the merged filesystems, '
        + PAGE + ' to a page; choose a folder to see only its paths.', files.length + (x.filesOmitted || 0));
    function step(v) { return v === null || v === undefined ? '' : typeof v === 'number' ? steps[v] || '' : v; }
    function folderOf(path, depth) {
      var parts = path.split('/').filter(function (p) { return p; });
      if (parts.length <= 1) return '/';
      return '/' + parts.slice(0, Math.min(depth, parts.length - 1)).join('/');
    }
    var hasPackages = files.some(function (f) { return f.package !== undefined; });
    var groupBy = el('select', {id: 'files-group-by', 'aria-label': 'group by'});
    groupBy.appendChild(el('option', {value: 'folder', text: 'folder'}));
    groupBy.appendChild(el('option', {value: 'subfolder', text: 'folder, two levels'}));
    if (hasPackages) groupBy.appendChild(el('option', {value: 'package', text: 'package'}));
    var group = el('select', {id: 'files-group', 'aria-label': 'group'});
    var kind = el('select', {id: 'files-kind', 'aria-label': 'change kind'});
    ['all', 'added', 'removed', 'modified', 'metadata'].forEach(function (k) { kind.appendChild(el('option', {value: k, text: k})); });
    var filter = el('input', {type: 'search', id: 'files-filter', placeholder: 'filter paths\u2026', 'aria-label': 'filter paths'});
    var first = el('button', {cls: 'small', id: 'files-first', text: '\u00ab first'});
    var prev = el('button', {cls: 'small', id: 'files-prev', text: '\u2039 previous'});
    var next = el('button', {cls: 'small', id: 'files-next', text: 'next \u203a'});
    var last = el('button', {cls: 'small', id: 'files-last', text: 'last \u00bb'});
    var info = el('span', {cls: 'muted', id: 'files-page-info'});
    sec.appendChild(el('div', {cls: 'table-tools'}, [el('span', {cls: 'muted', text: 'show'}), kind,
      el('span', {cls: 'muted', text: 'in'}), group, el('span', {cls: 'muted', text: 'grouped by'}), groupBy, filter]));
    sec.appendChild(el('div', {cls: 'table-tools pager'}, [first, prev, info, next, last]));
    function keyOf(f) {
      if (groupBy.value === 'package') return f.package || '(no package)';
      return folderOf(f.path, groupBy.value === 'subfolder' ? 2 : 1);
    }
    function fillGroups() {
      var counts = {};
      files.forEach(function (f) { var k = keyOf(f); counts[k] = (counts[k] || 0) + 1; });
      while (group.firstChild) group.removeChild(group.firstChild);
      group.appendChild(el('option', {value: '', text: 'everywhere (' + files.length + ')'}));
      Object.keys(counts).sort(function (a, b) { return counts[b] - counts[a] || (a < b ? -1 : 1); }).forEach(function (k) {
        group.appendChild(el('option', {value: k, text: k + ' (' + counts[k] + ')'}));
      });
    }
    var wrap = el('div', {cls: 'table-wrap'});
    var t = el('table', {id: 'files-table', cls: 'fixed'});
    var cols = [['change', 9], ['path', 33], ['size \u0394', 8, true], ['what', 10], ['A', 13], ['B', 13], ['step in B', 14]];
    var colgroup = el('colgroup');
    var head = el('tr');
    cols.forEach(function (c) {
      colgroup.appendChild(el('col', {style: 'width:' + c[1] + '%'}));
      head.appendChild(el('th', {cls: c[2] ? 'num' : null, text: c[0]}));
    });
    t.appendChild(colgroup);
    t.appendChild(el('thead', null, [head]));
    var body = el('tbody');
    t.appendChild(body);
    wrap.appendChild(t);
    sec.appendChild(wrap);
    function state(v) { return v ? v.type + ' ' + v.mode + ' ' + v.uid + ':' + v.gid + ' ' + human(v.size) + (v.linkTarget ? ' -> ' + v.linkTarget : '') : ''; }
    var rows = [], page = 0;
    function select() {
      var q = filter.value.trim().toLowerCase(), g = group.value;
      rows = files.filter(function (f) {
        return (kind.value === 'all' || f.change === kind.value) && (!g || keyOf(f) === g)
            && (!q || f.path.toLowerCase().indexOf(q) >= 0);
      });
      page = 0;
      draw();
    }
    function pages() { return Math.max(1, Math.ceil(rows.length / PAGE)); }
    function draw() {
      page = Math.max(0, Math.min(page, pages() - 1));
      while (body.firstChild) body.removeChild(body.firstChild);
      rows.slice(page * PAGE, (page + 1) * PAGE).forEach(function (r) {
        body.appendChild(el('tr', null, [
          el('td', null, [pill(r.change, r.change)]),
          el('td', {cls: 'path', text: r.path}),
          el('td', {cls: 'num', text: signed(r.sizeDelta)}),
          el('td', {text: r.fields.join(', ')}),
          el('td', {cls: 'state', text: state(r.before)}),
          el('td', {cls: 'state', text: state(r.after)}),
          el('td', {cls: 'step', text: short(r.after ? stepText(step(r.after.createdBy)) : removal(r.removedBy, step), 100)})]));
      });
      var from = rows.length ? page * PAGE + 1 : 0, to = Math.min(rows.length, (page + 1) * PAGE);
      info.textContent = 'rows ' + from + '\u2013' + to + ' of ' + rows.length + ' \u00b7 page ' + (page + 1) + ' of ' + pages();
      info.setAttribute('data-page', String(page + 1));
      info.setAttribute('data-pages', String(pages()));
      first.disabled = prev.disabled = page === 0;
      next.disabled = last.disabled = page >= pages() - 1;
    }
    first.addEventListener('click', function () { page = 0; draw(); });
    prev.addEventListener('click', function () { page--; draw(); });
    next.addEventListener('click', function () { page++; draw(); });
    last.addEventListener('click', function () { page = pages() - 1; draw(); });
    kind.addEventListener('change', select);
    group.addEventListener('change', select);
    groupBy.addEventListener('change', function () { fillGroups(); select(); });
    filter.addEventListener('input', select);
    fillGroups();
    select();
    if (x.filesOmitted) sec.appendChild(el('p', {cls: 'muted', text: x.filesOmitted + ' more changed paths are not in this page (--limit); strata diff --format json lists them all.'}));
    // the folders table's names choose the group: one click from a folder's totals to its paths
    var folderCells = document.querySelectorAll('#folders-table td.path');
    for (var i = 0; i < folderCells.length; i++) {
      (function (td) {
        var name = td.textContent;
        var a = el('a', {cls: 'zoom', href: '#files', text: name, onclick: function () {
          groupBy.value = 'folder'; fillGroups(); group.value = name; if (group.value !== name) group.value = ''; select(); }});
        td.textContent = '';
        td.appendChild(a);
      })(folderCells[i]);
    }
  }

  // ---------- diff page: packages (a block of its own) ----------
  function renderDiffPackages(x) {
    if (x.packages) {
      var totals = (x.packageTotals || []).map(function (t) {
        var parts = ['added', 'removed', 'upgraded', 'downgraded', 'changed'].filter(function (k) { return t[k]; })
            .map(function (k) { return t[k] + ' ' + k; });
        return t.ecosystem + ': ' + parts.join(', ') + ' (' + signed(t.bytesDelta) + ')';
      });
      var sec = section('diff-packages', 'Packages', 'Packages added, removed, upgraded, downgraded (by each ecosystem\u2019s own version order) or changed (same version, other files or bytes), with the bytes each change moved' + (totals.length ? ': ' + totals.join('; ') : '') + '.', x.packages.length + (x.packagesOmitted || 0));
      if (!x.packages.length) { sec.appendChild(el('p', {cls: 'muted', text: 'No differences.'})); }
      else {
        table(sec, [
          {title: 'ecosystem', get: function (r) { return r.ecosystem; }},
          {title: 'change', get: function (r) { return pill(r.change, r.change === 'added' || r.change === 'upgraded' ? 'added' : r.change === 'removed' || r.change === 'downgraded' ? 'removed' : 'modified'); }},
          {title: 'name', cls: 'path', get: function (r) { return r.name; }},
          {title: 'A', cls: 'mono', get: function (r) { return r.before ? r.before.version : ''; }},
          {title: 'B', cls: 'mono', get: function (r) { return r.after ? r.after.version : ''; }},
          {title: 'paths', num: true, get: function (r) { return String(r.pathsChanged); }},
          {title: '\u0394', num: true, get: function (r) { return signed(r.bytesDelta); }}
        ], x.packages, {filter: 'filter packages\u2026', id: 'diff-packages-table', text: function (r) { return r.ecosystem + '/' + r.name; }});
        if (x.packagesOmitted) sec.appendChild(el('p', {cls: 'muted', text: x.packagesOmitted + ' more changed packages are not in this page; strata diff --format json lists them all.'}));
      }
    }
    if (x.packageGroups) {
      var g = section('diff-package-groups', 'Files by package', 'Changed paths per owning package, and each package\u2019s squashed bytes on both sides; the deltas add up to the change in squashed bytes.', x.packageGroups.length);
      table(g, groupColumns({title: 'package', cls: 'path',
        get: function (r) { return r.package === null ? '(no package)' : r.package; }}), x.packageGroups,
        {id: 'diff-package-groups-table'});
    }
  }

  // ---------- diff page ----------
  function renderDiff(d) {
    var x = d.diff, s = x.summary;
    document.getElementById('subtitle').textContent = 'A: ' + x.a.archive + ' (' + x.a.image + ')   B: ' + x.b.archive + ' (' + x.b.image + ')';
    guarded('summary', function () {
      var sec = section('summary', 'Summary', x.identical ? 'The two images are identical under the rules used.' : null);
      var cards = el('div', {cls: 'cards'});
      cards.appendChild(card('Result', fig('fig-identical', x.identical, x.identical ? 'identical' : 'different'), null, x.identical ? 'good' : 'warn'));
      [['added', 'fig-added', 'good'], ['removed', 'fig-removed', 'bad'], ['modified', 'fig-modified', 'warn'], ['metadata', 'fig-metadata', '']].forEach(function (k) {
        if (s[k[0]] !== undefined) cards.appendChild(card('Files ' + k[0], fig(k[1], s[k[0]], String(s[k[0]])), null, ''));
      });
      if (s.bytesAdded !== undefined) cards.appendChild(card('Bytes added', fig('fig-bytes-added', s.bytesAdded, human(s.bytesAdded)), 'growth of files that grew'));
      if (s.bytesRemoved !== undefined) cards.appendChild(card('Bytes removed', fig('fig-bytes-removed', s.bytesRemoved, human(s.bytesRemoved)), 'shrinkage of files that shrank'));
      var sizeA = d.sides[0].logicalBytes, sizeB = d.sides[1].logicalBytes, delta = sizeB - sizeA;
      cards.appendChild(card('Size A \u2192 B', fig('fig-size-b', sizeB, human(sizeB)),
          el('div', {cls: 'note'}, ['from ' + human(sizeA) + ', ', fig('fig-size-delta', delta, signed(delta)),
            sizeA > 0 ? ' (' + (delta >= 0 ? '+' : '\u2212') + percent(Math.abs(delta) / sizeA, 1) + ')' : '']),
          delta > 0 ? 'warn' : delta < 0 ? 'good' : ''));
      if (s.packagesAdded !== undefined) {
        // summary.packages*: one figure per kind of change, the total as the card's value
        var kinds = ['added', 'removed', 'upgraded', 'downgraded', 'changed'], total = 0, parts = [];
        kinds.forEach(function (k, i) {
          var n = s['packages' + k.charAt(0).toUpperCase() + k.slice(1)] || 0;
          total += n;
          parts.push(fig('fig-packages-' + k, n, String(n)), ' ' + k + (i < kinds.length - 1 ? ', ' : ''));
        });
        cards.appendChild(card('Packages changed', fig('fig-packages', total, String(total)), el('div', {cls: 'note'}, parts),
            total > 0 ? 'warn' : ''));
      }
      if (s.layersCommon !== undefined) cards.appendChild(card('Layers shared', fig('fig-layers-common', s.layersCommon, String(s.layersCommon)),
          s.layersOnlyInA + ' only in A, ' + s.layersOnlyInB + ' only in B'));
      if (s.configChanges !== undefined) cards.appendChild(card('Config changes', fig('fig-config-changes', s.configChanges, String(s.configChanges))));
      sec.appendChild(cards);
      (x.notes || []).forEach(function (n) { sec.appendChild(el('p', {cls: 'notice', text: n})); });
    });
    guarded('folders', function () {
      if (!x.folders) return;
      var sec = section('folders', 'Folders', 'Changed paths per top folder, and each folder\u2019s squashed bytes (regular files, an inode once, and symlink targets) on both sides; the deltas add up to the change in squashed bytes' + (s.squashedBytesDelta !== undefined ? ' (' + (s.squashedBytesDelta > 0 ? '+' : s.squashedBytesDelta < 0 ? '\u2212' : '') + human(Math.abs(s.squashedBytesDelta)) + ')' : '') + '.', x.folders.length);
      if (!x.folders.length) { sec.appendChild(el('p', {cls: 'muted', text: 'No differences.'})); return; }
      table(sec, groupColumns({title: 'folder', cls: 'path', get: function (r) { return r.folder; }}), x.folders,
        {id: 'folders-table'});
    });
    guarded('packages', function () { renderDiffPackages(x); });
    guarded('files', function () { renderDiffFiles(x, d.steps || []); });
    guarded('config', function () {
      var rows = x.config || [];
      var sec = section('config', 'Config', 'Fields of the image config that differ.', rows.length);
      if (!rows.length) { sec.appendChild(el('p', {cls: 'muted', text: 'No differences.'})); return; }
      function v(val) { return val === null || val === undefined ? '' : typeof val === 'string' ? val : JSON.stringify(val); }
      table(sec, [
        {title: 'field', cls: 'mono', get: function (r) { return r.field + (r.key ? ' ' + r.key : ''); }},
        {title: 'change', get: function (r) { return pill(r.change, r.change); }},
        {title: 'A', cls: 'path', get: function (r) { return v(r.before); }},
        {title: 'B', cls: 'path', get: function (r) { return v(r.after); }}
      ], rows, {id: 'config-table'});
    });
    guarded('layers', function () {
      var l = x.layers;
      if (!l) return;
      var rows = [];
      l.common.forEach(function (r) { rows.push({side: 'shared', r: r}); });
      l.onlyInA.forEach(function (r) { rows.push({side: 'only A', r: r}); });
      l.onlyInB.forEach(function (r) { rows.push({side: 'only B', r: r}); });
      var sec = section('layers', 'Layers', 'Layers matched by diffId.', rows.length);
      table(sec, [
        {title: 'where', get: function (r) { return pill(r.side, r.side === 'shared' ? '' : r.side === 'only A' ? 'removed' : 'added'); }},
        {title: 'index', num: true, get: function (r) { return String(r.r.index) + (r.r.otherIndex !== null && r.r.otherIndex !== undefined && r.r.otherIndex !== r.r.index ? ' / ' + r.r.otherIndex : ''); }},
        {title: 'size', num: true, get: function (r) { return human(r.r.size); }},
        {title: 'diffId', cls: 'mono', get: function (r) { return short(r.r.diffId, 23); }},
        {title: 'created by', cls: 'step', get: function (r) { return short(stepText(r.r.createdBy), 140); }}
      ], rows, {id: 'layers-table'});
    });
    guarded('history', function () {
      var h = x.history;
      if (!h) return;
      var rows = [];
      h.onlyInA.forEach(function (r) { rows.push({side: 'only A', r: r}); });
      h.onlyInB.forEach(function (r) { rows.push({side: 'only B', r: r}); });
      var sec = section('history', 'History', h.common + ' steps in common; the steps below are in one image only.', rows.length);
      table(sec, [
        {title: 'where', get: function (r) { return pill(r.side, r.side === 'only A' ? 'removed' : 'added'); }},
        {title: 'step', num: true, get: function (r) { return String(r.r.index); }},
        {title: 'created by', cls: 'step', get: function (r) { return stepText(r.r.createdBy); }}
      ], rows, {id: 'history-table'});
    });
  }

  function finish() {
    var box = document.getElementById('render-errors-box');
    var list = document.getElementById('render-errors');
    while (list.firstChild) list.removeChild(list.firstChild);
    errors.forEach(function (e) { list.appendChild(el('li', {text: e})); });
    box.hidden = errors.length === 0;
    document.body.setAttribute('data-render-ok', errors.length === 0 ? 'true' : 'false');
    document.body.setAttribute('data-render-errors', String(errors.length));
  }

  try {
    var data = JSON.parse(document.getElementById('strata-data').textContent);
    document.getElementById('generator').textContent = data.generator || 'strata';
    if (data.kind === 'diff') renderDiff(data); else renderImage(data);
  } catch (e) {
    fail('page', e);
  }
  finish();
})();
