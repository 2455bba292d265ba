// Posts the one-time token as soon as a person's browser opens the link (previewers do not run it).
(function () {
  'use strict';
  var form = document.getElementById('login');
  if (form) form.submit();
})();
