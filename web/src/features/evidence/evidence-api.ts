// Evidence (minh chứng) of an assessment: one query per assessment, shared by every criterion's
// panel and count badge on the page; every change refreshes it.
import type { AddEvidenceLinkBody, AddEvidenceNoteBody, EvidenceFileKind, EvidenceList, EvidenceView } from '@thidua/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, apiErrorFrom, CSRF_COOKIE, CSRF_HEADER, csrfToken, readCookie } from '../../app/api';

export const evidenceKeys = {
  all: ['evidence'] as const,
  list: (assessmentId: number) => ['evidence', 'list', assessmentId] as const,
};

export interface UploadFields {
  criterionId: number | null;
  kind: EvidenceFileKind;
  note?: string;
}

/**
 * Sends one file as multipart through XMLHttpRequest, which (unlike fetch) reports upload
 * progress: a 20 MB scan over a phone connection takes a while.
 */
export async function uploadEvidenceFile(
  assessmentId: number,
  file: File,
  fields: UploadFields,
  onProgress?: (percent: number) => void,
): Promise<EvidenceView> {
  if (!readCookie(CSRF_COOKIE)) await fetch('/api/health', { credentials: 'same-origin' }).catch(() => undefined);
  const form = new FormData();
  if (fields.criterionId !== null) form.append('criterionId', String(fields.criterionId));
  form.append('kind', fields.kind);
  if (fields.note) form.append('note', fields.note);
  form.append('file', file, file.name);
  return new Promise<EvidenceView>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/assessments/${assessmentId}/evidence`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader(CSRF_HEADER, csrfToken());
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && onProgress) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () => {
      let body: unknown = undefined;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as EvidenceView);
      else reject(apiErrorFrom(xhr.status, body));
    };
    xhr.onerror = () => reject(new ApiError(0, { code: 'SERVICE_UNAVAILABLE' }));
    xhr.send(form);
  });
}

export const evidenceApi = {
  list: (assessmentId: number) => api.get<EvidenceList>(`/api/assessments/${assessmentId}/evidence`),
  addLink: (assessmentId: number, body: AddEvidenceLinkBody) => api.post<EvidenceView>(`/api/assessments/${assessmentId}/evidence/link`, body),
  addNote: (assessmentId: number, body: AddEvidenceNoteBody) => api.post<EvidenceView>(`/api/assessments/${assessmentId}/evidence/note`, body),
  remove: (evidenceId: number) => api.delete<{ ok: true }>(`/api/evidence/${evidenceId}`),
};

/** All the evidence of an assessment, grouped by criterion. */
export function useEvidence(assessmentId: number) {
  return useQuery({ queryKey: evidenceKeys.list(assessmentId), queryFn: () => evidenceApi.list(assessmentId) });
}

/** The evidence of one criterion (null: of the assessment as a whole), from the shared query. */
export function useCriterionEvidence(assessmentId: number, criterionId: number | null) {
  const q = useEvidence(assessmentId);
  const items = q.data?.groups.find((g) => g.criterionId === criterionId)?.items ?? [];
  return { ...q, items };
}

/** Mutations of one assessment's evidence; each refreshes the shared list on success. */
export function useEvidenceMutations(assessmentId: number) {
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: evidenceKeys.list(assessmentId) });
  const upload = useMutation({
    mutationFn: (v: { file: File; fields: UploadFields; onProgress?: (p: number) => void }) => uploadEvidenceFile(assessmentId, v.file, v.fields, v.onProgress),
    onSuccess: refresh,
  });
  const addLink = useMutation({ mutationFn: (body: AddEvidenceLinkBody) => evidenceApi.addLink(assessmentId, body), onSuccess: refresh });
  const addNote = useMutation({ mutationFn: (body: AddEvidenceNoteBody) => evidenceApi.addNote(assessmentId, body), onSuccess: refresh });
  const remove = useMutation({ mutationFn: (evidenceId: number) => evidenceApi.remove(evidenceId), onSuccess: refresh });
  return { upload, addLink, addNote, remove };
}
