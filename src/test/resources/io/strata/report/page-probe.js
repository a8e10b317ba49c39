/* Test probe for HtmlBrowserTest, appended to a report page after the page's own script. It measures the page as
   laid out (table cells against the width of eight characters in their own font, tables wider than their box, the
   layer chart's text size), clicks the page's controls (the Files table's paging and grouping on a diff page, the
   treemap's colouring on an image page) and writes what it saw as JSON into <pre id="probe-result">. It changes
   no data. */
(function () {
  var result = {viewport: window.innerWidth, scrollWidth: document.documentElement.scrollWidth, narrow: [], cells: 0,
    overflowing: []};
  var ctx = document.createElement('canvas').getContext('2d');
  function contentWidth(td) {
    var cs = getComputedStyle(td);
    return td.getBoundingClientRect().width - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight)
        - parseFloat(cs.borderLeftWidth) - parseFloat(cs.borderRightWidth);
  }
  function eightChars(td) {
    var cs = getComputedStyle(td);
    ctx.font = cs.fontStyle + ' ' + cs.fontWeight + ' ' + cs.fontSize + ' ' + cs.fontFamily;
    return ctx.measureText('00000000').width;
  }
  function measure() {
    var cells = document.querySelectorAll('main table td');
    for (var i = 0; i < cells.length; i++) {
      var td = cells[i];
      if (!td.getClientRects().length) continue;
      result.cells++;
      var w = contentWidth(td), need = eightChars(td);
      if (w + 0.5 < need) {
        var table = td.closest('table');
        result.narrow.push({table: table && table.id, column: td.cellIndex, width: Math.round(w), needed: Math.round(need),
          text: td.textContent.slice(0, 40)});
      }
    }
    var wraps = document.querySelectorAll('main .table-wrap');
    for (var k = 0; k < wraps.length; k++) {
      if (wraps[k].scrollWidth > wraps[k].clientWidth + 1) {
        var t = wraps[k].querySelector('table');
        result.overflowing.push((t && t.id || '?') + ': ' + wraps[k].scrollWidth + ' > ' + wraps[k].clientWidth);
      }
    }
    var svg = document.querySelector('#layer-chart svg');
    if (svg) {
      var scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width, min = Infinity;
      var texts = svg.querySelectorAll('text');
      for (var j = 0; j < texts.length; j++) min = Math.min(min, parseFloat(getComputedStyle(texts[j]).fontSize) * scale);
      result.chartFontMin = min;
    }
  }
  function pathsOnPage() {
    var out = [];
    var cells = document.querySelectorAll('#files-table tbody td.path');
    for (var i = 0; i < cells.length; i++) out.push(cells[i].textContent);
    return out;
  }
  function walkPages() {
    var seen = [], pages = 0;
    document.getElementById('files-first').click();
    for (var guard = 0; guard < 100000; guard++) {
      pages++;
      seen = seen.concat(pathsOnPage());
      var next = document.getElementById('files-next');
      if (next.disabled) break;
      next.click();
    }
    return {paths: seen, pages: pages};
  }
  function choose(select, index) {
    select.selectedIndex = index;
    select.dispatchEvent(new Event('change'));
  }
  function legend() {
    var out = [];
    var items = document.querySelectorAll('#treemap-legend > span[data-key]');
    for (var i = 0; i < items.length; i++) {
      out.push({key: items[i].getAttribute('data-key'), colour: items[i].getAttribute('data-colour'),
        bytes: items[i].hasAttribute('data-bytes') ? +items[i].getAttribute('data-bytes') : null});
    }
    return out;
  }
  try {
    measure();
    if (document.getElementById('files-table')) {
      var all = walkPages();
      result.paths = all.paths;
      result.pages = all.pages;
      // every group of the grouping control, for every way of grouping: its paths, page by page, and its count
      result.groups = [];
      var groupBy = document.getElementById('files-group-by'), group = document.getElementById('files-group');
      for (var b = 0; b < groupBy.options.length; b++) {
        choose(groupBy, b);
        for (var g = 1; g < group.options.length; g++) {
          choose(group, g);
          var walked = walkPages();
          var promised = +((group.options[g].textContent.match(/\((\d+)\)$/) || [])[1]);
          result.groups.push({by: groupBy.value, group: group.value, promised: promised, paths: walked.paths});
        }
        choose(group, 0);
      }
      choose(groupBy, 0);
    }
    var colour = document.getElementById('treemap-colour');
    if (colour) {
      result.legends = {};
      for (var c = 0; c < colour.options.length; c++) {
        choose(colour, c);
        result.legends[colour.value] = legend();
      }
      choose(colour, 0);
    }
  } catch (e) {
    result.error = String(e && e.stack || e);
  }
  var pre = document.createElement('pre');
  pre.id = 'probe-result';
  pre.textContent = JSON.stringify(result);
  document.body.appendChild(pre);
})();
