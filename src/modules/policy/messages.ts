import { defineMessages } from '../../platform/i18n/messages.ts';

export const policyMessages = defineMessages({
  fr: {
    themeNotMandated:
      'Votre procuration pour {principal} ne couvre pas le thème « {theme} ». {principal} peut l’étendre à ce thème dans ses procurations.',
    rightNotMandated:
      'Votre procuration pour {principal} sur le thème « {theme} » ne comprend pas le droit de {right}. {principal} peut l’ajouter dans ses procurations.',
  },
  de: {
    themeNotMandated:
      'Ihre Vollmacht für {principal} umfasst das Thema «{theme}» nicht. {principal} kann sie in den Vollmachten auf dieses Thema erweitern.',
    rightNotMandated:
      'Ihre Vollmacht für {principal} zum Thema «{theme}» umfasst das Recht «{right}» nicht. {principal} kann es in den Vollmachten hinzufügen.',
  },
  en: {
    themeNotMandated:
      'Your mandate for {principal} does not cover the theme “{theme}”. {principal} can extend it to this theme in their mandates.',
    rightNotMandated:
      'Your mandate for {principal} on the theme “{theme}” does not include the right to {right}. {principal} can add it in their mandates.',
  },
});
