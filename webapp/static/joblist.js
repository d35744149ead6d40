// The jobs list: its "tick all" link (which, without scripts, reloads the page with every box ticked) ticks or
// unticks the boxes of the page in place.
(function () {
    'use strict';

    document.addEventListener('click', function (event) {
        var link = event.target.closest('[data-tick-all]');
        if (!link) {
            return;
        }
        var boxes = document.querySelectorAll('input[type="checkbox"][form="' + link.getAttribute('data-tick-all') + '"]');
        var tick = Array.prototype.some.call(boxes, function (box) {
            return !box.checked;
        });
        boxes.forEach(function (box) {
            box.checked = tick;
        });
        event.preventDefault();
    });
}());
