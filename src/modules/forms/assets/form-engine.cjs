/*
 * The logic of a Guichet form, one implementation for the server (required by forms/engine.ts) and the
 * browser (loaded as a script after json-logic-js): which steps and fields apply, which are required,
 * what is computed, and where the person must leave the form. JSON Logic does the evaluating.
 */
((root, factory) => {
  if (typeof module === 'object' && module.exports) module.exports = factory();
  else root.GuichetFormEngine = factory();
})(typeof self !== 'undefined' ? self : this, () => {
  function createEngine(jsonLogic) {
    // Answers come from people and machines: a rule that cannot be evaluated on them does not hold.
    const apply = (rule, data) => {
      try {
        return jsonLogic.apply(rule, data);
      } catch {
        return null;
      }
    };
    const holds = (rule, data) => Boolean(apply(rule, data));

    /** The answers with every computed value added, in definition order: each may use the ones before. */
    function withComputed(definition, answers) {
      const data = Object.assign({}, answers);
      for (const step of definition.steps)
        for (const field of step.fields)
          if (field.type === 'computed') {
            const value = apply(field.expression, data);
            data[field.id] = typeof value === 'number' && Number.isFinite(value) ? value : null;
          }
      return data;
    }

    /** Which steps apply, which fields show, which are required, and whether a step is an exit. */
    function evaluate(definition, answers) {
      const data = withComputed(definition, answers);
      const steps = definition.steps.map((step) => {
        const active = step.showIf === undefined || holds(step.showIf, data);
        return {
          id: step.id,
          active,
          exit: active && step.exitIf !== undefined && holds(step.exitIf, data),
          fields: step.fields.map((field) => {
            const visible = active && (field.showIf === undefined || holds(field.showIf, data));
            return {
              id: field.id,
              visible,
              required:
                visible &&
                (field.required === true ||
                  (field.requiredIf !== undefined && holds(field.requiredIf, data))),
            };
          }),
        };
      });
      return { data, steps };
    }

    return { evaluate, withComputed, holds };
  }
  return { createEngine };
});
