// Passkeys (WebAuthn) for a form marked data-passkey="create" (register one) or "get" (sign in with one). WebAuthn is a
// browser API with no form of its own, so these forms are hidden until this script finds the browser able; without it the
// page says passkeys need JavaScript, and the password (and authenticator app) sign-in works as ever.
(function () {
    'use strict';
    var supported = window.PublicKeyCredential && navigator.credentials
        && typeof PublicKeyCredential.parseCreationOptionsFromJSON === 'function'
        && typeof PublicKeyCredential.parseRequestOptionsFromJSON === 'function';
    if (!supported) return;

    document.querySelectorAll('[data-passkey-unsupported]').forEach(function (p) { p.hidden = true; });
    document.querySelectorAll('[data-passkey-section]').forEach(function (s) { s.hidden = false; });
    document.querySelectorAll('form[data-passkey]').forEach(function (form) {
        form.hidden = false;
        form.addEventListener('submit', function (event) {
            var field = form.querySelector('[data-passkey-credential]');
            if (field.value) return; // the credential is in: the form goes to the server
            event.preventDefault();
            if (!form.reportValidity()) return;
            var token = form.querySelector('input[name="__RequestVerificationToken"]').value;
            var status = form.querySelector('[data-passkey-status]');
            if (status) status.textContent = '';
            fetch(form.getAttribute('data-options-url'), {
                method: 'POST',
                headers: { 'RequestVerificationToken': token },
                credentials: 'same-origin'
            }).then(function (response) {
                if (!response.ok) throw new Error('options ' + response.status);
                return response.json();
            }).then(function (options) {
                return form.getAttribute('data-passkey') === 'create'
                    ? navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options) })
                    : navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options) });
            }).then(function (credential) {
                field.value = JSON.stringify(credential.toJSON());
                form.submit();
            }).catch(function () {
                // Cancelled, timed out or refused by the browser: the form's own message says so; nothing was sent.
                if (status) status.textContent = status.getAttribute('data-failed') || '';
            });
        });
    });
})();
