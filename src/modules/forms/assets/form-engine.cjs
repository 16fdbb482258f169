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
    function apply(rule, data) {
      try {
        return jsonLogic.apply(rule, data);
      } catch (error) {
        return null;
      }
    }

    function holds(rule, data) {
      return Boolean(apply(rule, data));
    }

    /** The answers with every computed value added, in definition order: each may use the ones before. */
    function withComputed(definition, answers) {
      var data = Object.assign({}, answers);
      definition.steps.forEach((step) => {
        step.fields.forEach((field) => {
          if (field.type === 'computed') {
            var value = apply(field.expression, data);
            data[field.id] = typeof value === 'number' && isFinite(value) ? value : null;
          }
        });
      });
      return data;
    }

    /** Which steps apply, which fields show, which are required, and whether a step is an exit. */
    function evaluate(definition, answers) {
      var data = withComputed(definition, answers);
      var steps = definition.steps.map((step) => {
        var active = step.showIf === undefined || holds(step.showIf, data);
        return {
          id: step.id,
          active: active,
          exit: active && step.exitIf !== undefined && holds(step.exitIf, data),
          fields: step.fields.map((field) => {
            var visible = active && (field.showIf === undefined || holds(field.showIf, data));
            return {
              id: field.id,
              visible: visible,
              required:
                visible &&
                (field.required === true ||
                  (field.requiredIf !== undefined && holds(field.requiredIf, data))),
            };
          }),
        };
      });
      return { data: data, steps: steps };
    }

    return { evaluate: evaluate, withComputed: withComputed, holds: holds };
  }
  return { createEngine: createEngine };
});
