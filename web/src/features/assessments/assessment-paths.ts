import { paths } from '../../app/paths';

/** Sub-paths of /danh-gia: the queues are tabs of the list page; a number opens one sheet. */
export const assessmentPaths = {
  mine: paths.assessments,
  review: `${paths.assessments}/cho-cham`,
  council: `${paths.assessments}/hoi-dong`,
  sheet: (id: number) => `${paths.assessments}/${id}`,
} as const;
