// The revocation form's dialog shows what was chosen: the reason's name and the send time (or "now").
// Without JavaScript the form's Send leads to the confirmation step on the server instead.
document.addEventListener('click', function (event) {
    var opener = event.target.closest('[data-dialog="revocation-dialog"]');
    if (!opener) return;
    var dialog = document.getElementById('revocation-dialog');
    var form = document.getElementById('revocation-form');
    if (!dialog || !form) return;
    var checked = form.querySelector('input[name="Reason"]:checked');
    var label = checked ? form.querySelector('label[for="' + checked.id + '"]') : null;
    dialog.querySelector('[data-dialog-reason]').textContent = label ? label.textContent.trim() : '–';
    var sendAt = form.querySelector('input[name="SendAt"]').value;
    dialog.querySelector('[data-dialog-send-at]').textContent = sendAt ? sendAt.replace('T', ' ') : dialog.getAttribute('data-send-now');
}, true);
