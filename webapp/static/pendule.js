// Pendule's dashboard enhancements. Every page works without them; htmx (from its WebJar) does the live parts.
// What is here: keyboard shortcuts, countdowns to the next fires, times shown in the reader's own time zone, the
// jobs list's "tick all".
(function () {
    'use strict';

    var lang = document.documentElement.lang || 'en';

    // An element with data-shortcut="<key>" is focused (a field) or clicked (a button or link) when that key is
    // pressed outside of a field: "/" searches, "r" runs the job shown.
    document.addEventListener('keydown', function (event) {
        if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing
            || event.target.closest('input, textarea, select, [contenteditable]')) {
            return;
        }
        var target = document.querySelector('[data-shortcut="' + (event.key === '/' ? '/' : event.key.toLowerCase()) + '"]');
        if (!target) {
            return;
        }
        event.preventDefault();
        if (target.matches('input, textarea, select')) {
            target.focus();
        } else {
            target.click();
        }
    });

    function pad(number) {
        return number < 10 ? '0' + number : String(number);
    }

    // <span data-countdown="<ISO instant>"> counts down to it: "in 4:05", "in 2 d 03:04:05"; "now" once past.
    function countdowns() {
        document.querySelectorAll('[data-countdown]').forEach(function (element) {
            var left = Math.round((Date.parse(element.getAttribute('data-countdown')) - Date.now()) / 1000);
            if (isNaN(left)) {
                return;
            }
            if (left <= 0) {
                element.textContent = lang === 'fr' ? 'maintenant' : 'now';
                return;
            }
            var days = Math.floor(left / 86400), hours = Math.floor(left % 86400 / 3600);
            var minutes = Math.floor(left % 3600 / 60), seconds = left % 60;
            var clock = (days > 0 ? days + (lang === 'fr' ? ' j ' : ' d ') + pad(hours) + ':' : hours > 0 ? hours + ':' : '')
                + (days > 0 || hours > 0 ? pad(minutes) : minutes) + ':' + pad(seconds);
            element.textContent = (lang === 'fr' ? 'dans ' : 'in ') + clock;
        });
    }

    // <time data-local datetime="<ISO instant>"> is shown in the reader's time zone and language; the instant as
    // written stays in its title.
    function localTimes(root) {
        var format = new Intl.DateTimeFormat(lang, {dateStyle: 'medium', timeStyle: 'medium'});
        root.querySelectorAll('time[data-local]').forEach(function (element) {
            var instant = Date.parse(element.getAttribute('datetime'));
            if (!isNaN(instant)) {
                element.title = element.getAttribute('datetime');
                element.textContent = format.format(new Date(instant));
            }
        });
    }

    document.addEventListener('DOMContentLoaded', function () {
        localTimes(document);
        countdowns();
        setInterval(countdowns, 1000);
    });
    // A "tick all" link (data-tick-all="<form id>"; without scripts it reloads the page with every box ticked) ticks
    // or unticks the boxes of that form in place.
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

    // parts of the page that htmx swapped in get the same treatment
    document.addEventListener('htmx:afterSettle', function (event) {
        localTimes(event.target);
        countdowns();
    });
}());
