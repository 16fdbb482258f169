// Progressive enhancement only: every page works without this file.
const summary = document.querySelector('.error-summary');
if (summary instanceof HTMLElement) summary.focus();
