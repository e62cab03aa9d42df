import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';

/** A section's title inside a stage's page (the page's own title is the tab). */
export function SectionHeading({ id, children }: { id: string; children: ReactNode }) {
  return (
    <Typography variant="h6" component="h2" id={id}>
      {children}
    </Typography>
  );
}
