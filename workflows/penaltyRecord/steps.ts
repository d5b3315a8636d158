// A penalty record's human steps: the business applies for credit repair and supplements its
// application; credit staff accept, ask for more, approve or reject, and revoke a repair obtained
// with false materials. A closed rectification's proof of correction arrives as a signal. Each guard
// refuses what the rules forbid; each act changes the state, then records it.
import { uuid4 } from '@temporalio/workflow';
import { checkRepairApplication, repairBarredUntil } from '../../domain';
import { today } from '../kit/recording';
import { throwRefusal } from '../kit/refusals';
import {
  applyForRepair,
  correctionProven,
  decideRepair,
  revokeRepair,
  supplementRepair,
  type RepairApplication,
  type RepairApplicationMaterials,
  type RepairDecision,
  type Revocation,
} from '../messages';
import { currentApplication, planReview } from './deadlines';
import * as notices from './notices';
import { DECISIONS_ALLOWED, FINAL, IN_REVIEW, type PenaltyRecordCase } from './state';

export function penaltyRecordSteps(process: PenaltyRecordCase): void {
  const { state, policy, kit } = process;
  const { is, require, move, note, step } = kit;
  const current = () => currentApplication(state);

  /** A rectification reference counts as proof of correction only if it closed compliant for this record. */
  function provenMaterials(materials: RepairApplicationMaterials): RepairApplicationMaterials {
    const proof = materials.correctionProof;
    if (typeof proof !== 'object') return materials;
    const proven = state.correctionProofs.some((p) => p.rectificationId === proof.rectificationId);
    return proven ? materials : { ...materials, correctionProof: undefined };
  }

  step(
    applyForRepair,
    ({ materials }) => {
      require(!is(...IN_REVIEW), 'An application for this record is already being processed.');
      require(!is('repaired'), 'The record has already been repaired.');
      const check = checkRepairApplication({
        timeline: state.timeline,
        today: today(),
        materials: provenMaterials(materials),
        barredUntil: state.barredUntil,
      });
      if (!check.ok) throwRefusal(check.refusal);
    },
    async ({ actor, materials }) => {
      const app: RepairApplication = {
        id: uuid4(),
        appliedOn: today(),
        appliedAt: new Date().toISOString(),
        appliedBy: actor.sub,
        materials,
        status: 'pending',
        acceptBy: null,
        decideBy: null,
        pauses: [],
        supplements: [],
      };
      state.applications.push(app);
      planReview(process, app);
      return move('application_pending', notices.applied(state, app, actor));
    },
  );

  step(
    decideRepair,
    ({ applicationId, decision }) => {
      const app = current();
      require(app?.id === applicationId, `Application ${applicationId} is not the one awaiting a decision.`);
      require(DECISIONS_ALLOWED[app!.status].includes(
        decision,
      ), `An application that is ${app!.status} cannot be ${decision}.`);
    },
    async ({ actor, decision, reasons }) => {
      const app = current()!;
      const made: RepairDecision = {
        applicationId: app.id,
        decision,
        reasons,
        decidedOn: today(),
        decidedAt: new Date().toISOString(),
        decidedBy: actor.sub,
      };
      state.decisions.push(made);
      const recorded = (action: string, kind: string, message: string) => ({
        actor,
        action,
        reason: reasons,
        notify: notices.toApplicant(app, kind, message),
      });
      if (decision === 'accepted') {
        app.status = 'accepted';
        app.acceptedOn = made.decidedOn;
        planReview(process, app);
        const message = `Your credit repair application was accepted for review; decision by ${app.decideBy?.date}.`;
        return move('under_review', recorded('penalty_record.repair_accepted', 'repair_accepted', message));
      }
      if (decision === 'needs_more') {
        app.status = 'needs_more';
        app.pauses.push({ from: made.decidedOn });
        planReview(process, app);
        const message = `Please supplement your credit repair application: ${reasons}`;
        return note(recorded('penalty_record.repair_needs_more', 'repair_needs_more', message));
      }
      const open = app.pauses.find((p) => p.until == null);
      if (open) open.until = made.decidedOn;
      app.decidedOn = made.decidedOn;
      if (decision === 'rejected') {
        app.status = 'rejected';
        planReview(process, app);
        const message = `Credit repair was refused: ${reasons}. You may apply again with new materials.`;
        return move('repair_eligible', {
          ...recorded('penalty_record.repair_rejected', 'repair_rejected', message),
          documents: [notices.repairDecisionDocument(state, false, reasons, made.decidedOn)],
        });
      }
      app.status = 'approved';
      planReview(process, app);
      state.shown = false;
      state.repairedOn = made.decidedOn;
      return move('repaired', notices.repaired(state, app, actor, reasons, made.decidedOn, policy));
    },
  );

  step(
    supplementRepair,
    ({ applicationId }) => {
      const app = current();
      require(app?.id === applicationId &&
        app.status === 'needs_more', `Application ${applicationId} is not waiting for more materials.`);
    },
    async ({ actor, materials, note: text }) => {
      const app = current()!;
      const on = today();
      app.pauses.find((p) => p.until == null)!.until = on;
      app.supplements.push({
        suppliedOn: on,
        suppliedAt: new Date().toISOString(),
        suppliedBy: actor.sub,
        materials,
        ...(text ? { note: text } : {}),
      });
      app.materials = { ...app.materials, ...materials };
      app.status = app.acceptedOn ? 'accepted' : 'pending';
      planReview(process, app);
      return note(notices.supplemented(app, actor, text));
    },
  );

  step(
    revokeRepair,
    () =>
      void require(is(
        'repaired',
      ), `Only a repaired record can have its repair revoked; the record is ${state.status}.`),
    async ({ actor, reason }) => {
      const on = today();
      const revocation: Revocation = {
        revokedOn: on,
        revokedAt: new Date().toISOString(),
        revokedBy: actor.sub,
        reason,
        barredUntil: repairBarredUntil(on, policy),
      };
      state.revocations.push(revocation);
      state.barredUntil = revocation.barredUntil;
      state.shown = true;
      return move('revoked', notices.revoked(state, revocation, actor, policy));
    },
  );

  kit.signal(correctionProven, async (proven) => {
    if (
      state.correctionProofs.some((p) => p.rectificationId === proven.rectificationId) ||
      is(...FINAL) ||
      state.periodOver
    )
      return;
    state.correctionProofs.push({ ...proven, provenOn: today() });
    await note(notices.correctionProven(proven.rectificationId, proven.closedOn, proven.evidenceIds));
  });
}
