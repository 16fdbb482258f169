import { defineMessages } from '../i18n/messages.ts';

/**
 * The portal's information pages: help, legal notice, data protection, accessibility statement.
 * Paragraphs are separated by blank lines; `{operator}` is the canton that runs the portal.
 */
export const infoMessages = defineMessages({
  fr: {
    helpTitle: 'Aide',
    helpBody:
      'Cherchez une démarche depuis la page d’accueil, par son nom ou par situation de vie. La page de chaque prestation dit qui la traite, ce qu’elle coûte, le délai habituel et comment la faire.\n\nPour une démarche en ligne, connectez-vous avec votre identité électronique (AGOV, e-ID) ou avec un compte courriel et mot de passe. Certaines démarches demandent une identification vérifiée : le guichet vous le dit avant de commencer.\n\nVos réponses sont enregistrées à chaque étape ; vous reprenez un formulaire depuis « Mon espace ». Après l’envoi, suivez votre demande sous « Mes demandes » : chaque demande a une référence, la même partout, à citer si vous appelez l’autorité.\n\nPour agir pour un proche ou une entreprise, faites-vous donner une procuration sous « Mes comptes → Procurations ».\n\nLe guichet fonctionne avec tout navigateur récent, avec ou sans JavaScript, sur ordinateur comme sur téléphone.',
    helpContact: 'Une question qui reste ? Contact :',
    legalTitle: 'Mentions légales',
    legalBody:
      'Exploitant de ce guichet numérique : {operator}. Chaque prestation est de la responsabilité de l’autorité qui la fournit, nommée sur sa page.\n\nLes informations publiées ici sont établies avec soin ; seules les décisions notifiées par l’autorité compétente font foi.\n\nLe guichet repose sur le logiciel libre Guichet, publié sous licence AGPL-3.0 ou ultérieure.',
    privacyTitle: 'Protection des données',
    privacyBody:
      'Le guichet ne traite que les données nécessaires aux démarches que vous faites, selon la législation cantonale sur la protection des données, et pour l’autorité qui traite chaque démarche.\n\nVos documents sont chiffrés. Chaque lecture de vos données par une autre personne (un agent, un représentant, une application d’une autorité) est inscrite dans votre journal des accès, sous « Mes comptes ».\n\nLe guichet n’utilise qu’un cookie de session, nécessaire à la connexion ; il ne suit pas votre navigation et ne transmet rien à des tiers à des fins publicitaires.\n\nVous pouvez demander à consulter ou corriger vos données auprès de l’autorité concernée ou de l’exploitant.',
    accessibilityTitle: 'Déclaration d’accessibilité',
    accessibilityBody:
      'L’exploitant de ce guichet ({operator}) veut que chacun puisse utiliser ce guichet, quel que soit son handicap ou son équipement. L’objectif est la conformité aux WCAG 2.2, niveau AA (norme eCH-0059).\n\nChaque page est contrôlée automatiquement (axe-core) dans un vrai navigateur, à la taille d’un ordinateur et d’un téléphone, et fonctionne sans JavaScript.\n\nVous rencontrez un obstacle ? Dites-le-nous : nous vous répondons et vous aidons à faire la démarche par un autre moyen.',
    securityTitle: 'Signaler une faille de sécurité',
    securityBody:
      'Vous pensez avoir trouvé une faille dans ce guichet ? Écrivez à l’adresse indiquée dans /.well-known/security.txt, en français, en allemand ou en anglais, avec de quoi reproduire le problème. Nous accusons réception dans les trois jours ouvrables et vous tenons informé jusqu’à la correction.\n\nNous vous demandons de ne pas accéder aux données d’autrui au-delà du nécessaire pour montrer la faille, de ne pas dégrader le service et de nous laisser 90 jours pour corriger avant toute publication ; nous publions ensuite la correction et, si vous le souhaitez, votre nom.\n\nL’exploitant ({operator}) n’engagera aucune poursuite contre une recherche menée de bonne foi selon ces règles.',
  },
  de: {
    helpTitle: 'Hilfe',
    helpBody:
      'Suchen Sie ein Verfahren auf der Startseite, nach seinem Namen oder nach Lebenslage. Die Seite jeder Dienstleistung sagt, wer sie bearbeitet, was sie kostet, wie lange es üblicherweise dauert und wie sie zu erledigen ist.\n\nFür ein Online-Verfahren melden Sie sich mit Ihrer elektronischen Identität (AGOV, E-ID) oder mit E-Mail und Passwort an. Manche Verfahren verlangen eine geprüfte Identität: Der Schalter sagt es Ihnen, bevor Sie beginnen.\n\nIhre Antworten werden bei jedem Schritt gespeichert; Sie setzen ein Formular unter «Mein Bereich» fort. Nach dem Senden verfolgen Sie Ihr Gesuch unter «Meine Gesuche»: Jedes Gesuch hat eine Referenz, überall dieselbe, die Sie nennen, wenn Sie die Behörde anrufen.\n\nUm für Angehörige oder ein Unternehmen zu handeln, lassen Sie sich unter «Meine Konten → Vollmachten» eine Vollmacht erteilen.\n\nDer Schalter funktioniert mit jedem aktuellen Browser, mit oder ohne JavaScript, auf dem Computer wie auf dem Telefon.',
    helpContact: 'Noch eine Frage? Kontakt:',
    legalTitle: 'Impressum',
    legalBody:
      'Betreiber dieses digitalen Schalters: {operator}. Für jede Dienstleistung ist die Behörde verantwortlich, die sie erbringt und auf ihrer Seite genannt ist.\n\nDie hier veröffentlichten Informationen werden sorgfältig erstellt; rechtsverbindlich sind nur die Verfügungen der zuständigen Behörde.\n\nDer Schalter beruht auf der freien Software Guichet, veröffentlicht unter der Lizenz AGPL-3.0 oder später.',
    privacyTitle: 'Datenschutz',
    privacyBody:
      'Der Schalter bearbeitet nur die Daten, die für Ihre Verfahren nötig sind, gemäss der kantonalen Datenschutzgesetzgebung und für die Behörde, die das jeweilige Verfahren bearbeitet.\n\nIhre Dokumente sind verschlüsselt. Jeder Zugriff einer anderen Person auf Ihre Daten (Mitarbeitende, Vertretung, Anwendung einer Behörde) wird in Ihrem Zugriffsprotokoll unter «Meine Konten» verzeichnet.\n\nDer Schalter verwendet nur ein für die Anmeldung nötiges Sitzungs-Cookie; er verfolgt Ihr Surfen nicht und gibt nichts zu Werbezwecken an Dritte weiter.\n\nAuskunft über Ihre Daten oder deren Berichtigung verlangen Sie bei der betroffenen Behörde oder beim Betreiber.',
    accessibilityTitle: 'Erklärung zur Barrierefreiheit',
    accessibilityBody:
      'Der Betreiber dieses Schalters ({operator}) will, dass alle diesen Schalter nutzen können, unabhängig von Behinderung oder Ausstattung. Ziel ist die Konformität mit WCAG 2.2, Stufe AA (Standard eCH-0059).\n\nJede Seite wird in einem echten Browser automatisch geprüft (axe-core), in Computer- und Telefongrösse, und funktioniert ohne JavaScript.\n\nStossen Sie auf ein Hindernis? Sagen Sie es uns: Wir antworten und helfen Ihnen, das Verfahren auf anderem Weg zu erledigen.',
    securityTitle: 'Eine Sicherheitslücke melden',
    securityBody:
      'Sie glauben, eine Lücke in diesem Schalter gefunden zu haben? Schreiben Sie an die in /.well-known/security.txt genannte Adresse, auf Französisch, Deutsch oder Englisch, mit allem, was zum Nachvollziehen nötig ist. Wir bestätigen den Eingang innert drei Arbeitstagen und halten Sie bis zur Behebung auf dem Laufenden.\n\nBitte greifen Sie nicht weiter auf fremde Daten zu, als zum Nachweis der Lücke nötig ist, beeinträchtigen Sie den Dienst nicht und lassen Sie uns 90 Tage zur Behebung vor jeder Veröffentlichung; danach veröffentlichen wir die Korrektur und, wenn Sie es wünschen, Ihren Namen.\n\nDer Betreiber ({operator}) verfolgt keine Forschung, die in gutem Glauben nach diesen Regeln erfolgt.',
  },
  en: {
    helpTitle: 'Help',
    helpBody:
      'Find a procedure from the home page, by its name or by life event. Each service’s page says who handles it, what it costs, how long it usually takes and how to do it.\n\nFor an online procedure, log in with your electronic identity (AGOV, e-ID) or with an e-mail address and password. Some procedures need a verified identity: the counter tells you before you start.\n\nYour answers are saved at every step; resume a form from “My space”. Once sent, follow your request under “My requests”: each request has one reference, the same everywhere, to quote if you call the authority.\n\nTo act for a relative or a business, have them give you a mandate under “My accounts → Mandates”.\n\nThe counter works in any current browser, with or without JavaScript, on a computer or a phone.',
    helpContact: 'Still have a question? Contact:',
    legalTitle: 'Legal notice',
    legalBody:
      'Operator of this digital counter: {operator}. Each service is the responsibility of the authority that provides it, named on its page.\n\nThe information published here is prepared with care; only decisions notified by the competent authority are binding.\n\nThe counter runs on the free software Guichet, published under the AGPL-3.0-or-later licence.',
    privacyTitle: 'Data protection',
    privacyBody:
      'The counter processes only the data your procedures need, under the canton’s data protection law, and for the authority that handles each procedure.\n\nYour documents are encrypted. Every reading of your data by someone else (staff, a representative, an authority’s application) is written in your access log, under “My accounts”.\n\nThe counter uses a single session cookie, needed to log in; it does not track your browsing and passes nothing to third parties for advertising.\n\nYou may ask to see or correct your data from the authority concerned or from the operator.',
    accessibilityTitle: 'Accessibility statement',
    accessibilityBody:
      'The operator of this counter ({operator}) wants everyone to be able to use this counter, whatever their disability or equipment. The aim is conformance with WCAG 2.2, level AA (eCH-0059 standard).\n\nEvery page is checked automatically (axe-core) in a real browser, at computer and phone sizes, and works without JavaScript.\n\nMet an obstacle? Tell us: we answer and help you do the procedure another way.',
    securityTitle: 'Report a security vulnerability',
    securityBody:
      'Think you have found a vulnerability in this counter? Write to the address given in /.well-known/security.txt, in French, German or English, with what it takes to reproduce it. We acknowledge within three working days and keep you informed until it is fixed.\n\nPlease do not access other people’s data beyond what shows the flaw, do not degrade the service, and give us 90 days to fix it before any publication; we then publish the fix and, if you wish, your name.\n\nThe operator ({operator}) will take no action against research done in good faith under these rules.',
  },
});
