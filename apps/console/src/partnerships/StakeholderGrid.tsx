import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { alpha } from '@mui/material/styles';
import type { Stakeholder } from '@pe/domain';
import { STAKEHOLDER_SCALE, stakeholderGrid, stakeholderQuadrant } from './listeningModel';

/**
 * Interest (across) × influence (up), 1 to 5: a CSS grid whose columns shrink with the screen, so
 * it fits 390 px without scrolling; each stakeholder is named in its cell.
 */
export function StakeholderGrid({ stakeholders }: { stakeholders: readonly Stakeholder[] }) {
  const rows = stakeholderGrid(stakeholders);
  return (
    <Box role="table" aria-label="Stakeholders by interest and influence" sx={{ display: 'grid', gridTemplateColumns: '2rem repeat(5, minmax(0, 1fr))', gap: '2px', maxWidth: 720 }}>
      {rows.map((row) => (
        <Box role="row" key={row[0]!.influence} sx={{ display: 'contents' }}>
          <Box role="rowheader" sx={{ display: 'flex', alignItems: 'center', justifyContent: 'center', typography: 'caption' }} aria-label={`influence ${row[0]!.influence}`}>
            {row[0]!.influence}
          </Box>
          {row.map((cell) => (
            <Box
              role="cell"
              key={cell.interest}
              aria-label={`interest ${cell.interest}, influence ${cell.influence}`}
              sx={{
                minHeight: 44,
                p: 0.5,
                bgcolor: (theme) => (cell.interest >= 3 && cell.influence >= 3 ? alpha(theme.palette.warning.main, 0.18) : theme.palette.action.hover),
                borderRadius: 0.5,
                overflowWrap: 'anywhere',
              }}
            >
              {cell.stakeholders.map((stakeholder) => (
                <Typography key={stakeholder.id} variant="caption" component="div" title={stakeholderQuadrant(stakeholder)}>
                  {stakeholder.name}
                </Typography>
              ))}
            </Box>
          ))}
        </Box>
      ))}
      <Box />
      {STAKEHOLDER_SCALE.map((interest) => (
        <Box key={interest} sx={{ textAlign: 'center', typography: 'caption' }}>
          {interest}
        </Box>
      ))}
      <Box sx={{ gridColumn: '1 / -1', typography: 'caption', color: 'text.secondary' }}>
        Across: interest; up: influence (1 low, 5 high). Shaded: manage closely.
      </Box>
    </Box>
  );
}
