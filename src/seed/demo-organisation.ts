// The demo organisation for local mode: Fjordvik kommune, two levels of leaders, HR and an admin,
// and conversations in every stage. Seeded through the real use cases, so every state is reachable.
import type { Sql } from '../adapters/db/database.ts';
import { upsertDirectory } from '../adapters/directory/db-directory.ts';
import type { AppRole, Actor } from '../domain/policy.ts';
import type { DirectoryUser, Unit } from '../ports.ts';
import { addActionItem } from '../usecases/add-action-item.ts';
import { linkActionItem } from '../usecases/link-action-item.ts';
import { linkAnswerField } from '../usecases/link-answer-field.ts';
import { seedPlans, type PlanSeed } from './demo-plans.ts';
import { planConversation } from '../usecases/plan-conversation.ts';
import { saveAnswer } from '../usecases/save-answer.ts';
import { sharePreparation } from '../usecases/share-preparation.ts';
import { signRecord } from '../usecases/sign-record.ts';
import { currentHash, currentPeriod, templateVersion, type Deps } from './../usecases/support.ts';
import { transitionConversation } from '../usecases/transition-conversation.ts';

export const DEMO_TENANT_ID = '8f3c6a52-4b1e-4c1a-9d3e-2a7b5c9e1f00';

const oid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

export const DEMO = {
  kari: oid(1),
  ola: oid(2),
  ingrid: oid(3),
  per: oid(4),
  silje: oid(5),
  ahmed: oid(6),
  marte: oid(7),
  jonas: oid(8),
  hilde: oid(9),
  lars: oid(10),
  anne: oid(11),
} as const;

export const DEMO_UNITS: Unit[] = [
  { id: 'fjordvik', name: 'Fjordvik kommune', parentId: null },
  { id: 'stab', name: 'Kommunedirektørens stab', parentId: 'fjordvik' },
  { id: 'personal', name: 'Personal og organisasjon', parentId: 'stab' },
  { id: 'oppvekst', name: 'Oppvekst og kultur', parentId: 'fjordvik' },
  { id: 'helse', name: 'Helse og omsorg', parentId: 'fjordvik' },
];

const user = (
  o: string,
  name: string,
  upn: string,
  unitId: string,
  managerOid: string | null,
  roles: AppRole[] = [],
): Omit<DirectoryUser, 'tid'> => ({
  oid: o,
  name,
  upn: `${upn}@fjordvik.kommune.no`,
  unitId,
  managerOid,
  roles,
});

/** The demo organisation's people: also the directory the Microsoft 365 tests' Graph fake serves. */
export const DEMO_USERS = [
  user(DEMO.kari, 'Kari Nordmann', 'kari.nordmann', 'fjordvik', null),
  user(DEMO.ola, 'Ola Hansen', 'ola.hansen', 'oppvekst', DEMO.kari),
  user(DEMO.ingrid, 'Ingrid Berg', 'ingrid.berg', 'helse', DEMO.kari),
  user(DEMO.per, 'Per Johansen', 'per.johansen', 'oppvekst', DEMO.ola),
  user(DEMO.silje, 'Silje Larsen', 'silje.larsen', 'oppvekst', DEMO.ola),
  user(DEMO.ahmed, 'Ahmed Ali', 'ahmed.ali', 'helse', DEMO.ingrid),
  user(DEMO.marte, 'Marte Olsen', 'marte.olsen', 'helse', DEMO.ingrid),
  user(DEMO.jonas, 'Jonas Nilsen', 'jonas.nilsen', 'helse', DEMO.ingrid),
  user(DEMO.hilde, 'Hilde Strand', 'hilde.strand', 'personal', DEMO.kari, ['HR']),
  user(DEMO.lars, 'Lars Bakke', 'lars.bakke', 'personal', DEMO.kari, ['HR', 'HR.Salary']),
  user(DEMO.anne, 'Anne Dahl', 'anne.dahl', 'stab', DEMO.kari, ['Admin']),
];

/** Seeds once: returns false when the demo tenant already has people. */
export async function seedDemoOrganisation(deps: Deps, db: Sql): Promise<boolean> {
  const [row] = await db.query<{ n: number }>('select count(*)::int as n from users where tid = $1', [
    DEMO_TENANT_ID,
  ]);
  if ((row?.n ?? 0) > 0) return false;
  await upsertDirectory(db, DEMO_TENANT_ID, DEMO_UNITS, DEMO_USERS);
  const signed = await seedConversations(deps);
  await seedPlans(deps, actor, PLAN_SEEDS);
  await linkDemoGoals(deps, signed);
  return true;
}

/**
 * Last year's signed conversations name the unit goals they served ("Bidrar til"): Ola's first
 * hovedmål the municipality's first goal, Ingrid's contribution the goal of her unit's plan. So the red
 * thread shows personal goals at once: to their parties by name, to everyone else as "under 3".
 */
async function linkDemoGoals(deps: Deps, signed: { contract: string; development: string }) {
  const last = Number(currentPeriod(deps)) - 1;
  const firstGoal = async (unitId: string) => {
    const plan = await deps.store.plans.planFor(DEMO_TENANT_ID, unitId, last);
    const goals = plan ? await deps.store.plans.goals([plan.id]) : [];
    return goals.find((g) => g.removedAt === null)?.id ?? null;
  };
  await linkAnswerField(deps, actor(DEMO.kari), {
    conversationId: signed.contract,
    fieldId: 'p3-hovedmal-1',
    goalId: await firstGoal('fjordvik'),
  });
  const [contribution] = (await deps.store.items(signed.development)).filter(
    (i) => i.fieldId === 'plan-bidrag',
  );
  if (contribution)
    await linkActionItem(deps, actor(DEMO.kari), {
      itemId: contribution.id,
      goalId: await firstGoal('helse'),
    });
}

/** The units' plans; the municipality's own first, as the others' goals point up to it. */
const PLAN_SEEDS: PlanSeed[] = [
  {
    unitId: 'fjordvik',
    leader: DEMO.kari,
    goals: [
      {
        goal: 'Alle barn og unge opplever mestring og trivsel i barnehage og skole',
        indicator: 'Andel elever som trives på skolen (Elevundersøkelsen), prosent',
        baseline: 80,
        target: 86,
        actions: 'Felles plan for skolemiljø i alle skoler; tidlig innsats i barnehagen',
        owner: DEMO.kari,
        outcome: 'continue',
      },
      {
        goal: 'Innbyggerne får helse- og omsorgstjenester når de trenger dem',
        indicator: 'Gjennomsnittlig ventetid på sykehjemsplass, dager',
        baseline: 30,
        target: 14,
        actions: 'Flere korttidsplasser; hverdagsrehabilitering',
        owner: DEMO.kari,
        outcome: 'continue',
      },
      {
        goal: 'Fjordvik kommune er en attraktiv arbeidsgiver',
        indicator: 'Sykefravær i kommunen, prosent',
        baseline: 8.5,
        target: 7,
        actions: 'Medarbeidersamtaler med alle; lederutvikling',
        owner: DEMO.kari,
        outcome: 'adjust',
      },
    ],
  },
  {
    unitId: 'oppvekst',
    leader: DEMO.ola,
    goals: [
      {
        goal: 'Alle skoler har oppdaterte planer for et trygt og godt skolemiljø',
        indicator: 'Andel skoler med oppdatert plan, prosent',
        baseline: 60,
        target: 100,
        actions: 'Mal for plan; gjennomgang i rektormøtet hvert kvartal',
        owner: DEMO.per,
        serves: 0,
        outcome: 'continue',
      },
      {
        goal: 'Flere elever leser godt på 5. trinn',
        indicator: 'Andel elever over kritisk grense i lesing, prosent',
        baseline: 72,
        target: 80,
        actions: 'Lesekurs for lærere; leselyst-uke',
        owner: DEMO.silje,
        serves: 0,
        outcome: 'adjust',
      },
      {
        goal: 'Ny barnehage i Nordvik er tatt i bruk',
        indicator: 'Antall barn med plass i Nordvik barnehage',
        baseline: 0,
        target: 60,
        actions: 'Bemanningsplan; åpningsdag',
        owner: DEMO.ola,
        serves: 0,
        outcome: 'end',
      },
    ],
  },
  {
    unitId: 'helse',
    leader: DEMO.ingrid,
    goals: [
      {
        goal: 'Kortere ventetid på sykehjemsplass',
        indicator: 'Gjennomsnittlig ventetid, dager',
        baseline: 30,
        target: 14,
        actions: 'Fire nye korttidsplasser; daglig tildelingsmøte',
        owner: DEMO.ahmed,
        serves: 1,
        outcome: 'continue',
      },
      {
        goal: 'Lavere sykefravær i hjemmetjenesten',
        indicator: 'Sykefravær i hjemmetjenesten, prosent',
        baseline: 11,
        target: 8,
        actions: 'Turnus med lengre friperioder; tett oppfølging ved fravær',
        owner: DEMO.marte,
        serves: 2,
        outcome: 'continue',
      },
      {
        goal: 'Alle nyansatte får fadder de første tre månedene',
        indicator: 'Andel nyansatte med fadder, prosent',
        baseline: 50,
        target: 100,
        actions: 'Faddersystem i alle team',
        owner: DEMO.jonas,
        serves: 2,
        outcome: 'continue',
      },
    ],
  },
  {
    unitId: 'stab',
    leader: DEMO.kari,
    goals: [
      {
        goal: 'Ledermøtet følger opp virksomhetsplanene hvert kvartal',
        indicator: 'Antall kvartalsvise gjennomganger i året',
        baseline: 2,
        target: 4,
        actions: 'Fast punkt på ledermøtets agenda',
        owner: DEMO.anne,
        serves: 2,
        outcome: 'continue',
      },
    ],
  },
  {
    unitId: 'personal',
    leader: DEMO.kari,
    goals: [
      {
        goal: 'Alle ansatte har hatt medarbeidersamtale',
        indicator: 'Andel ansatte med gjennomført samtale, prosent',
        baseline: 70,
        target: 95,
        actions: 'Påminnelser i Teams; opplæring av nye ledere',
        owner: DEMO.hilde,
        serves: 2,
        outcome: 'continue',
      },
    ],
  },
];

function actor(o: string): Actor {
  const u = DEMO_USERS.find((x) => x.oid === o);
  if (!u) throw new Error(`no demo user ${o}`);
  return { tid: DEMO_TENANT_ID, oid: o, name: u.name, upn: u.upn, roles: u.roles };
}

async function write(deps: Deps, who: string, id: string, answers: Record<string, string>) {
  for (const [fieldId, value] of Object.entries(answers))
    await saveAnswer(deps, actor(who), { conversationId: id, fieldId, value, baseVersion: 0 });
}

async function signBoth(deps: Deps, id: string, leader: string, employee: string) {
  const c = await deps.store.conversation(id);
  if (!c) throw new Error('seeded conversation missing');
  const hash = await currentHash(
    deps.store,
    c,
    await templateVersion(deps, c.templateKey, c.templateVersion),
  );
  await signRecord(deps, actor(leader), { conversationId: id, contentHash: hash });
  await signRecord(deps, actor(employee), { conversationId: id, contentHash: hash });
}

async function seedConversations(deps: Deps): Promise<{ contract: string; development: string }> {
  const year = Number(currentPeriod(deps));
  const last = String(year - 1);
  const now = String(year);
  const go = (who: string, id: string, ...steps: ('open-preparation' | 'hold' | 'send-to-signing')[]) =>
    steps.reduce(
      (p, transition) =>
        p.then(() =>
          transitionConversation(deps, actor(who), { conversationId: id, transition }).then(() => undefined),
        ),
      Promise.resolve(),
    );

  // Last year's contract with Ola, signed: its Punkt 3 becomes this year's Punkt 1.
  const k1 = await planConversation(deps, actor(DEMO.kari), {
    templateKey: 'kontraktsamtale',
    employeeOid: DEMO.ola,
    period: last,
    scheduledAt: `${last}-01-20`,
  });
  await go(DEMO.kari, k1.id, 'open-preparation', 'hold');
  await write(deps, DEMO.kari, k1.id, {
    'p3-hovedmal-1': 'Alle skoler i kommunen har oppdaterte planer for et trygt og godt skolemiljø.',
    'p3-hovedmal-2': 'Andelen elever som fullfører videregående opplæring øker.',
    'p3-viktige-satsinger': 'Tidlig innsats i barnehage og skole.',
    'p4-oppsummerte-kommentarer': 'Lønnssamtalen ble gjennomført i tråd med lokal lønnspolitikk.',
  });
  await go(DEMO.kari, k1.id, 'send-to-signing');
  await signBoth(deps, k1.id, DEMO.kari, DEMO.ola);
  await planConversation(deps, actor(DEMO.kari), {
    templateKey: 'kontraktsamtale',
    employeeOid: DEMO.ola,
    period: now,
    scheduledAt: `${now}-12-10`,
  });

  // Oslo development conversation with Ingrid: last year's plan items show in this year's Del I.
  const u1 = await planConversation(deps, actor(DEMO.kari), {
    templateKey: 'utviklingssamtale-leder',
    employeeOid: DEMO.ingrid,
    period: last,
  });
  await go(DEMO.kari, u1.id, 'open-preparation', 'hold');
  await addActionItem(deps, actor(DEMO.kari), {
    conversationId: u1.id,
    fieldId: 'plan-bidrag',
    cells: {
      tiltak: 'Innføre månedlige resultatmøter i hver enhet.',
      ansvarlig: DEMO.ingrid,
      frist: `${now}-06-30`,
    },
  });
  await addActionItem(deps, actor(DEMO.kari), {
    conversationId: u1.id,
    fieldId: 'plan-atferd',
    cells: {
      tiltak: 'Delegere mer av den daglige driften til enhetslederne.',
      ansvarlig: DEMO.ingrid,
      frist: `${now}-12-31`,
    },
  });
  await write(deps, DEMO.kari, u1.id, { 'tema-1-gradering': 'som', 'tema-2-gradering': 'over' });
  await go(DEMO.kari, u1.id, 'send-to-signing');
  await signBoth(deps, u1.id, DEMO.kari, DEMO.ingrid);
  const u2 = await planConversation(deps, actor(DEMO.kari), {
    templateKey: 'utviklingssamtale-leder',
    employeeOid: DEMO.ingrid,
    period: now,
    scheduledAt: `${now}-12-03`,
  });
  await go(DEMO.kari, u2.id, 'open-preparation');
  await write(deps, DEMO.ingrid, u2.id, {
    forberedelse: 'Vil ta opp behovet for mer lederstøtte i omstillingen.',
  });

  // Employee conversations in every stage.
  await planConversation(deps, actor(DEMO.ola), {
    templateKey: 'medarbeidersamtale-10-faktor',
    employeeOid: DEMO.per,
    scheduledAt: `${now}-12-05`,
  });

  const silje = await planConversation(deps, actor(DEMO.ola), {
    templateKey: 'medarbeidersamtale-10-faktor',
    employeeOid: DEMO.silje,
    scheduledAt: `${now}-09-15`,
  });
  await go(DEMO.ola, silje.id, 'open-preparation', 'hold');
  await write(deps, DEMO.ola, silje.id, {
    'struktur-1': 'Et godt år med mange nye elever og et tett samarbeid i teamet.',
  });
  await addActionItem(deps, actor(DEMO.ola), {
    conversationId: silje.id,
    fieldId: 'handlingsplan',
    cells: {
      mal: 'Fullføre videreutdanning i spesialpedagogikk',
      hva: 'Søke studieplass og permisjon',
      hvem: DEMO.silje,
      nar: `${year + 1}-06-30`,
    },
  });
  await go(DEMO.ola, silje.id, 'send-to-signing');
  await signBoth(deps, silje.id, DEMO.ola, DEMO.silje);

  const ahmed = await planConversation(deps, actor(DEMO.ingrid), {
    templateKey: 'medarbeidersamtale-10-faktor',
    employeeOid: DEMO.ahmed,
    scheduledAt: `${now}-11-18`,
  });
  await go(DEMO.ingrid, ahmed.id, 'open-preparation');
  await write(deps, DEMO.ahmed, ahmed.id, {
    'faktor-1-refleksjon': 'Jeg trives best når jeg får ansvar for egne pasienter.',
  });
  await sharePreparation(deps, actor(DEMO.ahmed), { conversationId: ahmed.id });
  await go(DEMO.ingrid, ahmed.id, 'hold');

  const marte = await planConversation(deps, actor(DEMO.ingrid), {
    templateKey: 'medarbeidersamtale-10-faktor',
    employeeOid: DEMO.marte,
    scheduledAt: `${now}-11-10`,
  });
  await go(DEMO.ingrid, marte.id, 'open-preparation', 'hold');
  await write(deps, DEMO.ingrid, marte.id, {
    'struktur-2': 'Ansvar for opplæring av nye kolleger på avdelingen.',
  });
  await go(DEMO.ingrid, marte.id, 'send-to-signing');
  const c = await deps.store.conversation(marte.id);
  if (c)
    await signRecord(deps, actor(DEMO.ingrid), {
      conversationId: marte.id,
      contentHash: await currentHash(
        deps.store,
        c,
        await templateVersion(deps, c.templateKey, c.templateVersion),
      ),
    });
  return { contract: k1.id, development: u1.id };
}
