/**
 * The words of the document templates, one dictionary per language. Their structure (which
 * sections, in which order, what each starts with) is in ./templates.ts; the types below make a
 * dictionary name every section and table label of that structure, so the languages cannot drift.
 *
 * A section's `title` is written into the document as its heading; its `guidance` never is: the
 * editor shows it as a placeholder in the section's empty first paragraph (client/editor/guidance.ts).
 */
import type { DocumentKind } from './api';
import type { SectionKey, TableLabelKey, TemplateLanguage } from './templates';

/** The words of one section. */
export interface SectionText {
  /** The heading, stored in the document. */
  title: string;
  /** What to write there; shown beside the text, never stored. */
  guidance: string;
}

/** Every word of every template, in one language. */
export type TemplateDictionary = {
  [K in DocumentKind]: { sections: Record<SectionKey<K>, SectionText>; labels: Record<TableLabelKey<K>, string> };
};

const fr: TemplateDictionary = {
  proposal: {
    sections: {
      title: {
        title: 'Réponse à l’appel à projets',
        guidance: 'En quelques lignes : le projet, la structure qui le porte et ce qui est demandé au financeur.',
      },
      funder: { title: 'Financeur', guidance: 'Le nom du financeur, le service qui instruit les demandes et la personne à contacter.' },
      call: { title: 'Appel à projets', guidance: 'L’intitulé exact de l’appel, sa référence et où trouver son cahier des charges.' },
      deadline: { title: 'Date limite de dépôt', guidance: 'La date et l’heure limites, et la manière de déposer le dossier (plateforme, courriel, courrier).' },
      context: { title: 'Contexte', guidance: 'Le territoire, les constats et les besoins auxquels le projet répond, chiffres et sources à l’appui.' },
      public: { title: 'Public visé', guidance: 'Les personnes à qui le projet s’adresse : qui elles sont, combien, où, et comment elles y seront associées.' },
      objectives: { title: 'Objectifs', guidance: 'Ce que le projet veut changer, et à quoi on verra que c’est atteint.' },
      actions: { title: 'Actions', guidance: 'Une action par ligne : ce qui est fait, où, à quelle fréquence et par qui.' },
      partners: { title: 'Partenaires', guidance: 'Les structures associées, leur rôle et leur engagement (lettres de soutien, apports).' },
      timeline: { title: 'Calendrier', guidance: 'Les grandes étapes et leurs dates, de la préparation au bilan.' },
      budget: { title: 'Budget', guidance: 'Les dépenses prévues, le montant demandé et les autres financements, acquis ou sollicités.' },
      evaluation: { title: 'Évaluation', guidance: 'Les indicateurs suivis, comment et quand ils seront recueillis.' },
      attachments: { title: 'Pièces jointes', guidance: 'Les documents que demande l’appel (statuts, budget, attestations…) et ceux qui restent à réunir.' },
    },
    labels: {
      expense: 'Poste de dépense',
      amount: 'Montant (€)',
      requested: 'Financement demandé (€)',
      staff: 'Personnel',
      running: 'Fonctionnement',
      equipment: 'Investissement',
      total: 'Total',
    },
  },
  charter: {
    sections: {
      title: { title: 'Raison d’être du collectif', guidance: 'En quelques lignes, ce que pose ce texte et pour qui il est écrit.' },
      together: { title: 'Ce qui nous rassemble', guidance: 'Pourquoi ce collectif existe.' },
      values: { title: 'Nos valeurs', guidance: 'Ce à quoi nous tenons dans notre manière de travailler.' },
      ambition: { title: 'Notre ambition', guidance: 'Ce que nous voulons accomplir ensemble.' },
    },
    labels: {},
  },
  rules: {
    sections: {
      title: { title: 'Règlement du collectif', guidance: 'Quand ce règlement a été adopté et comment le modifier.' },
      purpose: { title: 'Article 1 — Objet', guidance: 'Ce que règle ce texte.' },
      members: { title: 'Article 2 — Membres', guidance: 'Comment on entre dans le collectif et comment on en sort.' },
      decisions: { title: 'Article 3 — Décisions', guidance: 'Comment le collectif prend ses décisions.' },
    },
    labels: {},
  },
  procedure: {
    sections: {
      title: { title: 'Procédure', guidance: 'En une phrase, ce que cette procédure permet de faire.' },
      when: { title: 'Quand l’appliquer', guidance: 'La situation qui déclenche cette procédure.' },
      steps: { title: 'Étapes', guidance: 'Une étape par ligne, dans l’ordre.' },
      who: { title: 'Qui s’en charge', guidance: 'Les rôles et les personnes concernées.' },
    },
    labels: {},
  },
  meeting: {
    sections: {
      title: { title: 'Compte rendu de réunion', guidance: 'Date, lieu, personnes présentes et excusées.' },
      agenda: { title: 'Ordre du jour', guidance: 'Un point par ligne.' },
      decisions: { title: 'Décisions', guidance: 'Ce qui a été décidé, point par point.' },
      todo: { title: 'Actions à mener', guidance: 'Qui fait quoi, pour quand.' },
    },
    labels: {},
  },
  note: { sections: {}, labels: {} },
};

const en: TemplateDictionary = {
  proposal: {
    sections: {
      title: {
        title: 'Response to the call for projects',
        guidance: 'In a few lines: the project, the organisation behind it and what it asks of the funder.',
      },
      funder: { title: 'Funder', guidance: 'The funder’s name, the department that reviews applications and the person to contact.' },
      call: { title: 'Call for projects', guidance: 'The exact title of the call, its reference and where to find its terms.' },
      deadline: { title: 'Deadline', guidance: 'The closing date and time, and how to submit the application (online platform, email, post).' },
      context: { title: 'Context', guidance: 'The area, the findings and the needs the project answers, backed by figures and sources.' },
      public: { title: 'Target audience', guidance: 'The people the project is for: who they are, how many, where, and how they will take part.' },
      objectives: { title: 'Objectives', guidance: 'What the project sets out to change, and how you will see that it has.' },
      actions: { title: 'Actions', guidance: 'One action per line: what is done, where, how often and by whom.' },
      partners: { title: 'Partners', guidance: 'The organisations involved, their role and their commitment (letters of support, contributions).' },
      timeline: { title: 'Timeline', guidance: 'The main stages and their dates, from preparation to the final report.' },
      budget: { title: 'Budget', guidance: 'The planned expenses, the amount requested and other funding, secured or applied for.' },
      evaluation: { title: 'Evaluation', guidance: 'The indicators you will track, and how and when you will collect them.' },
      attachments: { title: 'Attachments', guidance: 'The documents the call asks for (articles, budget, certificates…) and those still to be gathered.' },
    },
    labels: {
      expense: 'Expense item',
      amount: 'Amount (€)',
      requested: 'Funding requested (€)',
      staff: 'Staff',
      running: 'Running costs',
      equipment: 'Equipment',
      total: 'Total',
    },
  },
  charter: {
    sections: {
      title: { title: 'Purpose of the collective', guidance: 'In a few lines, what this text sets out and who it is written for.' },
      together: { title: 'What brings us together', guidance: 'Why this collective exists.' },
      values: { title: 'Our values', guidance: 'What we care about in the way we work.' },
      ambition: { title: 'Our ambition', guidance: 'What we want to achieve together.' },
    },
    labels: {},
  },
  rules: {
    sections: {
      title: { title: 'Rules of the collective', guidance: 'When these rules were adopted and how to change them.' },
      purpose: { title: 'Article 1 — Purpose', guidance: 'What these rules cover.' },
      members: { title: 'Article 2 — Members', guidance: 'How one joins the collective and how one leaves it.' },
      decisions: { title: 'Article 3 — Decisions', guidance: 'How the collective makes its decisions.' },
    },
    labels: {},
  },
  procedure: {
    sections: {
      title: { title: 'Procedure', guidance: 'In one sentence, what this procedure is for.' },
      when: { title: 'When to apply it', guidance: 'The situation that sets this procedure off.' },
      steps: { title: 'Steps', guidance: 'One step per line, in order.' },
      who: { title: 'Who is in charge', guidance: 'The roles and the people involved.' },
    },
    labels: {},
  },
  meeting: {
    sections: {
      title: { title: 'Meeting minutes', guidance: 'Date, place, who attended and who sent apologies.' },
      agenda: { title: 'Agenda', guidance: 'One item per line.' },
      decisions: { title: 'Decisions', guidance: 'What was decided, item by item.' },
      todo: { title: 'Action items', guidance: 'Who does what, by when.' },
    },
    labels: {},
  },
  note: { sections: {}, labels: {} },
};

/** The template words of each language. */
export const TEMPLATE_TEXT: Record<TemplateLanguage, TemplateDictionary> = { fr, en };
