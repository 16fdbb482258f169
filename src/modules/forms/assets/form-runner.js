// With JavaScript, the logic reacts as the person answers: the same engine as the server decides
// which fields show and what is computed. Without it, the server does the same on every step.
(() => {
  const form = document.querySelector('form[data-form-runner]');
  const stateElement = document.getElementById('form-state');
  if (!form || !stateElement || !window.GuichetFormEngine || !window.jsonLogic) return;
  const { definition, answers, step: stepId } = JSON.parse(stateElement.textContent);
  const engine = window.GuichetFormEngine.createEngine(window.jsonLogic);
  const stepIndex = definition.steps.findIndex((s) => s.id === stepId);
  const currentStep = definition.steps[stepIndex];

  // Each field's wrapper says how its type is read (`data-read`, from fields/<type>/); a field
  // without one keeps the value the server last saw.
  const answerOf = (field, read) => {
    const inputs = [...form.elements].filter((el) => el.name === field.id);
    if (inputs.length === 0) return undefined;
    const text = (inputs[0].value ?? '').trim();
    switch (read) {
      case 'number': {
        const n = Number(text.replace(/['’\s]/g, '').replace(',', '.'));
        return text === '' || Number.isNaN(n) ? undefined : n;
      }
      case 'yesno': {
        const chosen = inputs.find((el) => el.checked);
        return chosen ? chosen.value === 'yes' : undefined;
      }
      case 'choice':
        return inputs.find((el) => el.checked)?.value;
      case 'choices':
        return inputs.filter((el) => el.checked).map((el) => el.value);
      case 'checked':
        return inputs[0].checked;
      default:
        return text === '' ? undefined : text;
    }
  };

  const update = () => {
    const current = Object.assign({}, answers);
    for (const field of currentStep.fields) {
      const read = form.querySelector(`[data-field="${field.id}"]`)?.dataset.read;
      if (read) current[field.id] = answerOf(field, read);
    }
    const result = engine.evaluate(definition, current);
    result.steps[stepIndex].fields.forEach((state) => {
      const wrapper = form.querySelector(`[data-field="${state.id}"]`);
      if (wrapper) wrapper.hidden = !state.visible;
    });
    for (const output of form.querySelectorAll('output[data-computed]')) {
      const value = result.data[output.dataset.computed];
      const locale = document.documentElement.lang || 'fr';
      output.textContent =
        typeof value !== 'number'
          ? '—'
          : output.dataset.format === 'chf'
            ? new Intl.NumberFormat(`${locale}-CH`, { style: 'currency', currency: 'CHF' }).format(value)
            : new Intl.NumberFormat(`${locale}-CH`).format(value);
    }
  };
  form.addEventListener('input', update);
  form.addEventListener('change', update);
})();
