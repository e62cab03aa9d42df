import CloseIcon from '@mui/icons-material/Close';
import NavigateBeforeIcon from '@mui/icons-material/NavigateBefore';
import NavigateNextIcon from '@mui/icons-material/NavigateNext';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import { darken, lighten } from '@mui/material/styles';
import Typography from '@mui/material/Typography';
import useScrollTrigger from '@mui/material/useScrollTrigger';
import { replayHeadline, replayLoadingHeadline, stepsFrom } from './replayModel';

/**
 * "As of <time> — event #n of N": the page shows the past, read-only. It stays in sight while the
 * page scrolls — under the app bar, or at the very top once the app bar slides away (react-admin
 * hides it on the same scroll trigger) — and steps through the log one event at a time or leaves
 * for the live page.
 */
export function ReplayBanner({
  position,
  newest,
  instant,
  loading,
  goTo,
}: {
  /** How many events the shown state includes. */
  position: number;
  newest: number;
  instant: string;
  /** The point asked for while it loads (the state on screen is still the last one); null once shown. */
  loading: string | null;
  goTo: (point: number | null) => void;
}) {
  const steps = loading === null ? stepsFrom(position, newest) : { back: null, forward: null };
  const appBarHidden = useScrollTrigger();
  return (
    <Paper
      component="section"
      aria-label="Replay"
      elevation={4}
      sx={(theme) => ({
        position: 'sticky',
        // The app bar's height, as react-admin's layout leaves room for it.
        top: appBarHidden ? 0 : { xs: theme.spacing(7), sm: theme.spacing(6) },
        transition: theme.transitions.create('top'),
        zIndex: theme.zIndex.appBar - 1,
        px: { xs: 1, sm: 2 },
        py: 1,
        // A warning's colours, as MUI's own alert draws them.
        bgcolor: lighten(theme.palette.warning.light, 0.9),
        color: darken(theme.palette.warning.light, 0.6),
        border: `1px solid ${theme.palette.warning.main}`,
      })}
    >
      <Stack direction={{ xs: 'column', md: 'row' }} sx={{ gap: 1, alignItems: { xs: 'stretch', md: 'center' }, justifyContent: 'space-between' }}>
        <div>
          <Typography component="p" role="status" sx={{ fontWeight: 700, overflowWrap: 'anywhere' }}>
            {loading === null ? replayHeadline(instant, position, newest) : replayLoadingHeadline(loading)}
          </Typography>
          <Typography variant="body2">Replay: the partnership as it was then. Nothing can be changed here.</Typography>
        </div>
        <Stack direction="row" sx={{ gap: 1, flexWrap: 'wrap', flexShrink: 0 }}>
          <Button size="small" variant="outlined" color="inherit" startIcon={<NavigateBeforeIcon />} disabled={steps.back === null} onClick={() => goTo(steps.back)}>
            Step back
          </Button>
          <Button size="small" variant="outlined" color="inherit" endIcon={<NavigateNextIcon />} disabled={steps.forward === null} onClick={() => goTo(steps.forward)}>
            Step forward
          </Button>
          <Button size="small" variant="contained" startIcon={<CloseIcon />} onClick={() => goTo(null)}>
            Leave replay
          </Button>
        </Stack>
      </Stack>
    </Paper>
  );
}
