// Document capture, made smoother with JavaScript; every step also works without it (plain file inputs
// and submit buttons). Files dropped or chosen are sent at once; a photo taken on the phone too; while
// a phone link is open, the computer asks every few seconds what the field holds and shows it.
(() => {
  const submitWith = (form, value) => {
    const button = [...form.querySelectorAll('button[name="action"]')].find((b) => b.value === value);
    if (button) form.requestSubmit(button);
  };

  for (const zone of document.querySelectorAll('[data-drop-zone]')) {
    const input = zone.querySelector('input[type="file"]');
    const fieldset = zone.closest('fieldset');
    const form = zone.closest('form');
    if (!input || !form || !fieldset) continue;
    const addValue = `addPages:${input.name}`;
    zone.addEventListener('dragover', (event) => {
      event.preventDefault();
      zone.classList.add('drop-zone--over');
    });
    zone.addEventListener('dragleave', () => zone.classList.remove('drop-zone--over'));
    zone.addEventListener('drop', (event) => {
      event.preventDefault();
      zone.classList.remove('drop-zone--over');
      if (!event.dataTransfer || event.dataTransfer.files.length === 0) return;
      input.files = event.dataTransfer.files;
      submitWith(form, addValue);
    });
    for (const picker of fieldset.querySelectorAll('input[type="file"]'))
      picker.addEventListener('change', () => {
        if (picker.files && picker.files.length > 0) submitWith(form, addValue);
      });
  }

  for (const photo of document.querySelectorAll('[data-scan-photo]'))
    photo.addEventListener('change', () => {
      if (photo.files && photo.files.length > 0) submitWith(photo.form, 'add');
    });

  for (const box of document.querySelectorAll('[data-capture-poll]')) {
    const fieldset = box.closest('fieldset');
    const status = box.querySelector('[data-capture-status]');
    if (!fieldset) continue;
    let shown = fieldset.querySelectorAll('[data-documents] li').length;
    const poll = async () => {
      let answer;
      try {
        const response = await fetch(box.dataset.capturePoll, { headers: { Accept: 'application/json' } });
        if (!response.ok) return;
        answer = await response.json();
      } catch {
        return;
      }
      if (answer.documents.length !== shown) {
        const list = fieldset.querySelector('[data-documents]');
        if (!list) return;
        list.replaceChildren(
          ...answer.documents.map((d) => {
            const item = document.createElement('li');
            item.textContent = d.text;
            return item;
          }),
        );
        if (status && box.dataset.arrived)
          status.textContent = box.dataset.arrived.replace('{name}', answer.documents.at(-1)?.text ?? '');
        shown = answer.documents.length;
      }
      if (answer.waiting) setTimeout(poll, 2500);
    };
    setTimeout(poll, 2500);
  }
})();
