// Confirmation dialogs: a link with data-dialog="id" opens <dialog id="id"> instead of its confirmation page.
// Without JavaScript the link simply leads to that page, which asks the same question.
document.addEventListener('click', function (event) {
    var opener = event.target.closest('[data-dialog]');
    if (opener) {
        var dialog = document.getElementById(opener.getAttribute('data-dialog'));
        if (dialog && typeof dialog.showModal === 'function') {
            event.preventDefault();
            dialog.showModal();
        }
        return;
    }
    var closer = event.target.closest('[data-dialog-close]');
    if (closer && closer.closest('dialog')) {
        event.preventDefault();
        closer.closest('dialog').close();
    }
});
